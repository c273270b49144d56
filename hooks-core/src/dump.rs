//! The registry as a table for people and as JSON for tools.

use std::fmt::{self, Write as _};

use crate::{Callback, Declaration, Hook, HookKind, Registry};

/// What is registered, where, and in which order: per hook in name order, one row per callback
/// in execution order.
///
/// `Display` renders a table; [`to_json`](Dump::to_json) renders the same information as JSON.
///
/// ```
/// #[hooks_core::hook_callback("doc_dump_example", priority = 4, context = "docs")]
/// fn on_event(_: &u8) {}
///
/// let table = hooks_core::registry().dump().to_string();
/// assert!(table.contains("doc_dump_example"));
/// assert!(table.contains("::on_event"));
///
/// let json = hooks_core::registry().dump().to_json();
/// assert!(json.contains(r#""name":"doc_dump_example""#));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Dump<'a> {
    registry: &'a Registry,
}

impl Registry {
    /// A view of the registry for people (`Display`) and tools ([`Dump::to_json`]).
    pub fn dump(&self) -> Dump<'_> {
        Dump { registry: self }
    }
}

impl Dump<'_> {
    /// The dump as one JSON object:
    /// `{"hooks":[{"name","declared","kind","value","argument","payload","docs","declared_at","callbacks":[{"path","priority","context","file","line","payload","fallible","async","durable","after","before"}]}]}`,
    /// hooks by name, callbacks in execution order; `kind` is `"callbacks"`, `"filter"` or
    /// `"first result"`, with a filter's `value` and `argument` types (a first-result hook's
    /// output and argument); `durable` is `{"max_attempts","queue"}` for a durable callback;
    /// `after` and `before` are arrays of the paths the callback's constraints name (empty
    /// without); absent values are `null`.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{\"hooks\":[");
        for (index, hook) in self.registry.hooks().enumerate() {
            if index > 0 {
                out.push(',');
            }
            write_hook_json(&mut out, hook);
        }
        out.push_str("]}");
        out
    }
}

fn write_hook_json(out: &mut String, hook: &Hook) {
    let declaration = hook.declaration();
    out.push_str("{\"name\":");
    json_string(out, hook.name());
    let _ = write!(out, ",\"declared\":{},\"kind\":\"{}\",\"value\":", declaration.is_some(), hook.kind());
    json_option(out, declaration.and_then(Declaration::value_type_name));
    out.push_str(",\"argument\":");
    json_option(out, declaration.and_then(Declaration::argument_type_name));
    out.push_str(",\"payload\":");
    json_option(out, declaration.and_then(|d| d.payload_type_name()));
    out.push_str(",\"docs\":");
    json_option(out, declaration.map(|d| d.docs()));
    out.push_str(",\"declared_at\":");
    json_option(out, declaration.map(|d| format!("{}:{}", d.file(), d.line())).as_deref());
    out.push_str(",\"callbacks\":[");
    for (index, callback) in hook.callbacks().enumerate() {
        if index > 0 {
            out.push(',');
        }
        write_callback_json(out, callback);
    }
    out.push_str("]}");
}

fn write_callback_json(out: &mut String, callback: &Callback) {
    out.push_str("{\"path\":");
    json_string(out, callback.path());
    let _ = write!(out, ",\"priority\":{},\"context\":", callback.priority());
    json_option(out, callback.context());
    out.push_str(",\"file\":");
    json_string(out, callback.file());
    let _ = write!(out, ",\"line\":{},\"payload\":", callback.line());
    json_string(out, callback.payload_type_name());
    let _ = write!(out, ",\"fallible\":{},\"async\":{},\"durable\":", callback.is_fallible(), callback.is_async());
    match callback.durable() {
        Some(durable) => {
            let _ = write!(out, "{{\"max_attempts\":{},\"queue\":", durable.max_attempts());
            json_option(out, durable.queue());
            out.push('}');
        }
        None => out.push_str("null"),
    }
    for (key, paths) in [("after", callback.after()), ("before", callback.before())] {
        let _ = write!(out, ",\"{key}\":[");
        for (index, path) in paths.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            json_string(out, path);
        }
        out.push(']');
    }
    out.push('}');
}

/// The constraints of a callback, for the end of its row: `  after: a::x, a::y  before: b::z`.
fn constraints(callback: &Callback) -> String {
    let mut note = String::new();
    for (key, paths) in [("after", callback.after()), ("before", callback.before())] {
        if !paths.is_empty() {
            let _ = write!(note, "  {key}: {}", paths.join(", "));
        }
    }
    note
}

/// The kind column: `sync`, `async`, or `durable` with its attempts.
fn kind(callback: &Callback) -> String {
    match callback.durable() {
        Some(durable) => format!("durable x{}", durable.max_attempts()),
        None if callback.is_async() => "async".to_owned(),
        None => "sync".to_owned(),
    }
}

fn json_option(out: &mut String, value: Option<&str>) {
    match value {
        Some(value) => json_string(out, value),
        None => out.push_str("null"),
    }
}

fn json_string(out: &mut String, value: &str) {
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

impl fmt::Display for Dump<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hooks = self.registry.hooks();
        if hooks.len() == 0 {
            return f.write_str("no hooks registered\n");
        }
        let path_width = self.registry.callbacks().map(|c| c.path().len()).max().unwrap_or(0).max("callback".len());
        let context_width = self
            .registry
            .callbacks()
            .filter_map(Callback::context)
            .map(str::len)
            .max()
            .unwrap_or(0)
            .max("context".len());
        for hook in hooks {
            write!(f, "{}", hook.name())?;
            match hook.declaration() {
                Some(declaration) => {
                    let (file, line) = (declaration.file(), declaration.line());
                    match (declaration.kind(), declaration.value_type_name()) {
                        (HookKind::Filter, Some(value)) => match declaration.argument_type_name() {
                            Some(argument) => {
                                writeln!(f, " (filter of {value}, argument {argument}, declared at {file}:{line})")?
                            }
                            None => writeln!(f, " (filter of {value}, declared at {file}:{line})")?,
                        },
                        (HookKind::FirstResult, Some(output)) => {
                            let argument = declaration.payload_type_name().unwrap_or("()");
                            writeln!(f, " (first result: {output} from {argument}, declared at {file}:{line})")?
                        }
                        _ => {
                            let payload = declaration.payload_type_name().unwrap_or("any payload");
                            writeln!(f, " ({payload}, declared at {file}:{line})")?
                        }
                    }
                }
                None => writeln!(f, " (undeclared)")?,
            }
            // The first paragraph of the docs, on one line.
            if let Some(docs) = hook.declaration().map(|d| d.docs()).filter(|d| !d.trim().is_empty()) {
                let summary = docs.split("\n\n").next().unwrap_or_default().split_whitespace().collect::<Vec<_>>();
                writeln!(f, "  docs: {}", summary.join(" "))?;
            }
            if hook.callbacks().len() == 0 {
                writeln!(f, "  (no callbacks)")?;
                continue;
            }
            let kind_width = hook.callbacks().map(|c| kind(c).len()).max().unwrap_or(0).max("async".len());
            writeln!(
                f,
                "  {:>8}  {:context_width$}  {:kind_width$}  {:path_width$}  location",
                "priority", "context", "kind", "callback"
            )?;
            for callback in hook.callbacks() {
                writeln!(
                    f,
                    "  {:>8}  {:context_width$}  {:kind_width$}  {:path_width$}  {}:{}{}",
                    callback.priority(),
                    callback.context().unwrap_or("-"),
                    kind(callback),
                    callback.path(),
                    callback.file(),
                    callback.line(),
                    constraints(callback),
                )?;
            }
        }
        Ok(())
    }
}
