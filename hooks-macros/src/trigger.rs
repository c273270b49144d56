//! `trigger!("name", payload)` and `trigger!("name", payload, context = "ctx")`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{Error, Expr, LitStr, Token};

use crate::{args, hook_name};

const EXAMPLE: &str =
    "trigger!(\"user_created\", payload) or trigger!(\"user_created\", payload, context = \"wallet\")";
const RUNTIME: &str = "hooks_core::registry().trigger(name, &payload)";

struct Trigger {
    hook: LitStr,
    payload: Expr,
    context: Option<LitStr>,
}

impl Parse for Trigger {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let hook = hook_name::parse(input, EXAMPLE, Some(RUNTIME))?;
        let missing_payload =
            || Error::new_spanned(&hook, format!("expected a payload after the hook name: {EXAMPLE}"));
        if input.is_empty() {
            return Err(missing_payload());
        }
        input.parse::<Token![,]>()?;
        if input.is_empty() {
            return Err(missing_payload());
        }
        let payload: Expr = input.parse()?;
        let mut context = None;
        for opt in args::parse_options(input, &["context"])? {
            context = Some(args::context(&opt.value)?);
        }
        Ok(Trigger { hook, payload, context })
    }
}

pub(crate) fn expand(input: TokenStream) -> TokenStream {
    let Trigger { hook, payload, context } = match syn::parse2(input) {
        Ok(trigger) => trigger,
        Err(error) => return error.to_compile_error(),
    };
    let context = match context {
        Some(context) => quote!(::hooks_core::__private::Option::Some(#context)),
        None => quote!(::hooks_core::__private::Option::None),
    };
    quote! {
        {
            static __HOOKS_CALL_SITE: ::hooks_core::__private::CallSite =
                ::hooks_core::__private::CallSite::new(#hook, #context);
            #[allow(unused_imports)]
            use ::hooks_core::__private::{ByValue as _, StripReference as _};
            __HOOKS_CALL_SITE.trigger((&::hooks_core::__private::PayloadRef(&(#payload))).payload())
        }
    }
}
