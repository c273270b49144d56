// Every bad context of a block is reported at once.
hooks_core::declare_context! {
    pub Wallet;
    pub communications;
    pub MailingList;
}

fn main() {}
