//! `after` and `before` constraints beat priorities; priority then path break the remaining ties;
//! a target outside the trigger's plan counts as met; a cycle is a `validate()` error and runs in
//! priority order.

use std::sync::Mutex;

use hooks_core::{Severity, declare_hook, hook_callback, registry, trigger};
use serde_json::Value;

// Declared, so that validation speaks only of the constraints.
declare_hook!("constraints_chain", u8);
declare_hook!("constraints_before", u8);
declare_hook!("constraints_list", u8);
declare_hook!("constraints_context", u8);
declare_hook!("constraints_ties", u8);
declare_hook!("constraints_cycle", u8);
declare_hook!("constraints_bands", u8);
declare_hook!("constraints_modules", u8);

/// What ran, per hook: each test triggers its own hook.
fn take(ran: &Mutex<Vec<&'static str>>) -> Vec<&'static str> {
    std::mem::take(&mut *ran.lock().unwrap())
}

/// The callbacks of `hook` in the registry's order, by their last path segment.
fn listed(hook: &str) -> Vec<&'static str> {
    let hook = registry().hook(hook).unwrap();
    hook.callbacks().map(|c| c.path().rsplit("::").next().unwrap()).collect()
}

mod chain {
    use super::*;

    pub(crate) static RAN: Mutex<Vec<&str>> = Mutex::new(Vec::new());

    // Declared against the priorities: each callback's priority would run it first.
    #[hook_callback("constraints_chain", priority = 1, after = b)]
    pub(crate) fn c(_: &u8) {
        RAN.lock().unwrap().push("c");
    }

    #[hook_callback("constraints_chain", priority = 2, after = self::a)]
    pub(crate) fn b(_: &u8) {
        RAN.lock().unwrap().push("b");
    }

    #[hook_callback("constraints_chain", priority = 3)]
    pub(crate) fn a(_: &u8) {
        RAN.lock().unwrap().push("a");
    }
}

#[test]
fn a_chain_declared_in_reverse_priority_order_runs_in_chain_order() {
    let report = trigger!("constraints_chain", 1_u8);
    assert!(report.is_ok(), "{report}");
    assert_eq!(take(&chain::RAN), ["a", "b", "c"]);
    assert_eq!(listed("constraints_chain"), ["a", "b", "c"]);
    let c = registry().callback("constraints::chain::c").unwrap();
    assert_eq!(c.after(), ["constraints::chain::b"]);
    assert!(c.before().is_empty());
}

static BEFORE: Mutex<Vec<&str>> = Mutex::new(Vec::new());

#[hook_callback("constraints_before", priority = 1)]
fn load(_: &u8) {
    BEFORE.lock().unwrap().push("load");
}

#[hook_callback("constraints_before", priority = 20, before = load)]
fn lock_account(_: &u8) {
    BEFORE.lock().unwrap().push("lock_account");
}

#[test]
fn before_runs_a_callback_ahead_of_its_target() {
    assert_eq!(trigger!("constraints_before", 1_u8).ran(), 2);
    assert_eq!(take(&BEFORE), ["lock_account", "load"]);
    let lock = registry().callback("constraints::lock_account").unwrap();
    assert_eq!(lock.before(), ["constraints::load"]);
}

static LIST: Mutex<Vec<&str>> = Mutex::new(Vec::new());

#[hook_callback("constraints_list", priority = 1, after = [stock, payment])]
fn invoice(_: &u8) {
    LIST.lock().unwrap().push("invoice");
}

#[hook_callback("constraints_list", priority = 5)]
fn stock(_: &u8) {
    LIST.lock().unwrap().push("stock");
}

#[hook_callback("constraints_list", priority = 3)]
fn payment(_: &u8) {
    LIST.lock().unwrap().push("payment");
}

#[hook_callback("constraints_list", priority = 2)]
fn unconstrained(_: &u8) {
    LIST.lock().unwrap().push("unconstrained");
}

#[test]
fn a_list_of_targets_waits_for_all_of_them() {
    assert_eq!(trigger!("constraints_list", 1_u8).ran(), 4);
    assert_eq!(take(&LIST), ["unconstrained", "payment", "stock", "invoice"]);
    let invoice = registry().callback("constraints::invoice").unwrap();
    assert_eq!(invoice.after(), ["constraints::stock", "constraints::payment"]);
}

static CONTEXT: Mutex<Vec<&str>> = Mutex::new(Vec::new());

#[hook_callback("constraints_context", priority = 5, context = "mail")]
fn render_mail(_: &u8) {
    CONTEXT.lock().unwrap().push("render_mail");
}

#[hook_callback("constraints_context", priority = 1, context = "sms", after = render_mail)]
fn send_sms(_: &u8) {
    CONTEXT.lock().unwrap().push("send_sms");
}

#[hook_callback("constraints_context", priority = 3)]
fn audit(_: &u8) {
    CONTEXT.lock().unwrap().push("audit");
}

#[test]
fn a_target_outside_the_triggered_context_counts_as_met() {
    // `render_mail` is not in the sms context: `send_sms` runs first, by priority.
    assert_eq!(trigger!("constraints_context", 1_u8, context = "sms").ran(), 2);
    assert_eq!(take(&CONTEXT), ["send_sms", "audit"]);
    // Without a context, the constraint holds.
    assert_eq!(trigger!("constraints_context", 1_u8).ran(), 3);
    assert_eq!(take(&CONTEXT), ["audit", "render_mail", "send_sms"]);
    assert_eq!(listed("constraints_context"), ["audit", "render_mail", "send_sms"]);
    // The registry lists what a context's trigger runs in that trigger's order.
    let hook = registry().hook("constraints_context").unwrap();
    let in_sms: Vec<&str> = hook.callbacks_in_context("sms").map(|c| c.path()).collect();
    assert_eq!(in_sms, ["constraints::send_sms", "constraints::audit"]);
}

static TIES: Mutex<Vec<&str>> = Mutex::new(Vec::new());

#[hook_callback("constraints_ties", priority = 1, after = slow)]
fn late(_: &u8) {
    TIES.lock().unwrap().push("late");
}

#[hook_callback("constraints_ties", priority = 8)]
fn slow(_: &u8) {
    TIES.lock().unwrap().push("slow");
}

#[hook_callback("constraints_ties", priority = 5)]
fn beta(_: &u8) {
    TIES.lock().unwrap().push("beta");
}

#[hook_callback("constraints_ties", priority = 5)]
fn alpha(_: &u8) {
    TIES.lock().unwrap().push("alpha");
}

#[hook_callback("constraints_ties", priority = 9)]
fn after_slow(_: &u8) {
    TIES.lock().unwrap().push("after_slow");
}

#[test]
fn ties_are_broken_by_priority_then_path() {
    assert_eq!(trigger!("constraints_ties", 1_u8).ran(), 5);
    // `late` waits for `slow` and then runs before `after_slow`, which has a later priority.
    assert_eq!(take(&TIES), ["alpha", "beta", "slow", "late", "after_slow"]);
}

static CYCLE: Mutex<Vec<&str>> = Mutex::new(Vec::new());

#[hook_callback("constraints_cycle", priority = 1, after = egg)]
fn chicken(_: &u8) {
    CYCLE.lock().unwrap().push("chicken");
}

#[hook_callback("constraints_cycle", priority = 2, after = chicken)]
fn egg(_: &u8) {
    CYCLE.lock().unwrap().push("egg");
}

#[test]
fn a_cycle_is_a_validation_error_and_runs_in_priority_order() {
    let validation = registry().validate();
    let errors: Vec<_> = validation.errors().filter(|f| f.hook() == "constraints_cycle").collect();
    assert_eq!(errors.len(), 1, "{validation}");
    let message = errors[0].message();
    assert!(message.contains("form a cycle"), "{message}");
    let chicken = message.find("`constraints::chicken`").expect(message);
    let egg = message.find("`constraints::egg`").expect(message);
    assert!(chicken < egg, "cycle order starts at the first by priority: {message}");

    let report = trigger!("constraints_cycle", 1_u8);
    assert!(report.is_ok(), "{report}");
    assert_eq!(take(&CYCLE), ["chicken", "egg"]);
    assert_eq!(listed("constraints_cycle"), ["chicken", "egg"]);
}

#[hook_callback("constraints_bands", priority = 2, after = track)]
fn setup(_: &u8) {}

#[hook_callback("constraints_bands", priority = 25)]
fn track(_: &u8) {}

#[hook_callback("constraints_bands", priority = 15, before = guard)]
fn notify(_: &u8) {}

#[hook_callback("constraints_bands", priority = 3)]
fn guard(_: &u8) {}

// Within one band: no warning.
#[hook_callback("constraints_bands", priority = 4, after = guard)]
fn same_band(_: &u8) {}

#[test]
fn a_constraint_that_leaves_the_priority_band_is_a_warning() {
    let validation = registry().validate();
    assert!(!validation.errors().any(|f| f.hook() == "constraints_bands"), "{validation}");
    let mut warnings: Vec<&str> = validation
        .warnings()
        .filter(|f| f.hook() == "constraints_bands" && f.message().contains("priority band"))
        .map(|f| f.message())
        .collect();
    warnings.sort();
    assert_eq!(
        warnings,
        [
            "callback `constraints::notify` (priority 15, notifications 11-20 band) runs before `constraints::guard` \
             (priority 3, critical 1-5 band): the constraint moves it out of its priority band",
            "callback `constraints::setup` (priority 2, critical 1-5 band) runs after `constraints::track` \
             (priority 25, analytics 21+ band): the constraint moves it out of its priority band",
        ],
        "{validation}"
    );
    assert_eq!(listed("constraints_bands"), ["notify", "guard", "same_band", "track", "setup"]);
}

pub(crate) static MODULES: Mutex<Vec<&str>> = Mutex::new(Vec::new());

#[hook_callback("constraints_modules", priority = 9)]
fn root_first(_: &u8) {
    MODULES.lock().unwrap().push("root_first");
}

mod outer {
    #[hooks_core::hook_callback("constraints_modules", priority = 8, after = super::root_first)]
    pub(crate) fn outer_second(_: &u8) {
        super::MODULES.lock().unwrap().push("outer_second");
    }

    pub(crate) mod inner {
        #[hooks_core::hook_callback(
            "constraints_modules",
            priority = 1,
            after = crate::outer::outer_second,
            before = super::super::root_last
        )]
        pub(crate) fn inner_third(_: &u8) {
            crate::MODULES.lock().unwrap().push("inner_third");
        }
    }
}

#[hook_callback("constraints_modules", priority = 2)]
fn root_last(_: &u8) {
    MODULES.lock().unwrap().push("root_last");
}

#[test]
fn targets_are_named_across_modules_by_path() {
    assert_eq!(trigger!("constraints_modules", 1_u8).ran(), 4);
    assert_eq!(take(&MODULES), ["root_first", "outer_second", "inner_third", "root_last"]);
    let inner = registry().callback("constraints::outer::inner::inner_third").unwrap();
    assert_eq!(inner.after(), ["constraints::outer::outer_second"]);
    assert_eq!(inner.before(), ["constraints::root_last"]);
}

#[derive(Debug)]
pub struct Shipment {
    pub order: u32,
}

declare_hook! {
    /// An order left the warehouse.
    pub constraints_shipped: Shipment;
}

static TYPED: Mutex<Vec<&str>> = Mutex::new(Vec::new());

#[hook_callback(constraints_shipped, priority = 1, after = pack)]
fn ship(shipment: &Shipment) {
    assert_eq!(shipment.order, 7);
    TYPED.lock().unwrap().push("ship");
}

#[hook_callback("constraints_shipped", priority = 2)]
fn pack(_: &Shipment) {
    TYPED.lock().unwrap().push("pack");
}

#[test]
fn constraints_work_on_typed_hooks() {
    assert_eq!(trigger!(constraints_shipped, Shipment { order: 7 }).ran(), 2);
    assert_eq!(take(&TYPED), ["pack", "ship"]);
}

#[test]
fn the_dump_shows_each_callback_s_constraints() {
    let table = registry().dump().to_string();
    let row = |path: &str| table.lines().find(|line| line.contains(path)).unwrap_or_else(|| panic!("{table}"));
    assert!(row("constraints::chain::c ").ends_with("  after: constraints::chain::b"), "{table}");
    assert!(row("constraints::chain::a ").ends_with(&format!(":{}", line_of("fn a("))), "{table}");
    assert!(row("constraints::lock_account ").ends_with("  before: constraints::load"), "{table}");
    assert!(
        row("constraints::outer::inner::inner_third ")
            .ends_with("  after: constraints::outer::outer_second  before: constraints::root_last"),
        "{table}"
    );
    assert!(row("constraints::invoice ").ends_with("  after: constraints::stock, constraints::payment"), "{table}");

    let json: Value = serde_json::from_str(&registry().dump().to_json()).unwrap();
    let hooks = json["hooks"].as_array().unwrap();
    let hook = hooks.iter().find(|h| h["name"] == "constraints_modules").unwrap();
    let callbacks = hook["callbacks"].as_array().unwrap();
    let paths: Vec<&str> = callbacks.iter().map(|c| c["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            "constraints::root_first",
            "constraints::outer::outer_second",
            "constraints::outer::inner::inner_third",
            "constraints::root_last"
        ]
    );
    assert_eq!(callbacks[2]["after"], serde_json::json!(["constraints::outer::outer_second"]));
    assert_eq!(callbacks[2]["before"], serde_json::json!(["constraints::root_last"]));
    assert_eq!(callbacks[0]["after"], serde_json::json!([]));
    assert_eq!(callbacks[0]["before"], serde_json::json!([]));
}

/// The line of the first line of this file that contains `text`.
fn line_of(text: &str) -> usize {
    include_str!("constraints.rs").lines().position(|line| line.contains(text)).unwrap() + 1
}

#[test]
fn validation_finds_nothing_else_about_these_hooks() {
    let validation = registry().validate();
    let errors: Vec<_> = validation
        .errors()
        .filter(|f| f.hook().starts_with("constraints_") && f.hook() != "constraints_cycle")
        .collect();
    assert!(errors.is_empty(), "{validation}");
    let chain: Vec<_> = validation.findings().iter().filter(|f| f.hook() == "constraints_chain").collect();
    assert!(chain.is_empty(), "{validation}");
    // `lock_account` (20) before `load` (1) leaves its band; so do two callbacks of the tie and
    // module tests.
    let warned = |hook: &str| validation.warnings().filter(|f| f.hook() == hook).count();
    assert_eq!((warned("constraints_before"), warned("constraints_ties"), warned("constraints_modules")), (1, 1, 1));
    assert!(validation.findings().iter().all(|f| f.severity() == Severity::Warning
        || !f.hook().starts_with("constraints_")
        || f.hook() == "constraints_cycle"));
}
