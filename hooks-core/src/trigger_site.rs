//! Where the program triggers hooks: one record per `trigger!` and `trigger_async!`, collected at
//! link time like the callbacks, so that [`Registry::validate`](crate::Registry::validate) checks
//! triggers that have not run yet.

use std::fmt;

use crate::HookKind;

/// Where a `trigger!` or `trigger_async!` is written, as listed by
/// [`Registry::trigger_sites`](crate::Registry::trigger_sites).
///
/// ```
/// #[hooks_core::hook_callback("doc_site_example")]
/// fn listen(_: &u8) {}
///
/// fn fire() {
///     let _ = hooks_core::trigger!("doc_site_example", 1_u8, context = "docs");
/// }
///
/// let site = hooks_core::registry()
///     .trigger_sites()
///     .find(|site| site.hook() == "doc_site_example")
///     .unwrap();
/// assert_eq!(site.context(), Some("docs"));
/// assert!(!site.is_async());
/// ```
pub struct TriggerSite {
    hook: &'static str,
    context: Option<&'static str>,
    file: &'static str,
    line: u32,
    asynchronous: bool,
    transactional: bool,
    kind: HookKind,
}

impl TriggerSite {
    pub(crate) const fn new(
        hook: &'static str,
        context: Option<&'static str>,
        file: &'static str,
        line: u32,
        asynchronous: bool,
        transactional: bool,
    ) -> Self {
        TriggerSite { hook, context, file, line, asynchronous, transactional, kind: HookKind::Callbacks }
    }

    pub(crate) const fn with_kind(mut self, kind: HookKind) -> Self {
        self.kind = kind;
        self
    }

    /// What the site does: triggers callbacks (`trigger!`), applies filters (`apply_filters!`) or
    /// asks for a first result (`first_result!`).
    pub fn kind(&self) -> HookKind {
        self.kind
    }

    /// The hook the site triggers.
    pub fn hook(&self) -> &'static str {
        self.hook
    }

    /// The site's `context = "..."`, if any.
    pub fn context(&self) -> Option<&'static str> {
        self.context
    }

    /// The source file of the site.
    pub fn file(&self) -> &'static str {
        self.file
    }

    /// The line of the site in [`file`](Self::file).
    pub fn line(&self) -> u32 {
        self.line
    }

    /// `true` for `trigger_async!`.
    pub fn is_async(&self) -> bool {
        self.asynchronous
    }

    /// `true` when the site passes the caller's database transaction (`tx = ...`), in which the
    /// hook's durable callbacks are enqueued.
    pub fn is_transactional(&self) -> bool {
        self.transactional
    }
}

impl fmt::Debug for TriggerSite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TriggerSite")
            .field("hook", &self.hook)
            .field("context", &self.context)
            .field("file", &self.file)
            .field("line", &self.line)
            .field("async", &self.asynchronous)
            .field("transactional", &self.transactional)
            .field("kind", &self.kind)
            .finish()
    }
}

/// Not public API. Used by generated code: the link-time record of a call site.
#[derive(Debug)]
pub struct SiteRecord(&'static TriggerSite);

impl SiteRecord {
    /// Not public API.
    pub const fn new(site: &'static TriggerSite) -> Self {
        SiteRecord(site)
    }

    pub(crate) fn site(&self) -> &'static TriggerSite {
        self.0
    }
}
