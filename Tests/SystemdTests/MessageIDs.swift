/// The MESSAGE_IDs of Sources/Inbox/Systemd/NianbaoMessageID.swift, repeated because this target links
/// no module of the package; InboxTests checks the catalog against the enum, the tests here check the
/// journal against the catalog.
enum MessageID {
    static let accepted = "937770c0924045d5a8204c36a07cf0fd"
    static let rejected = "7fdb75da30ae4a74826f315d29f61c2d"
    static let configReloaded = "09d4f3afbbdb4ca2ba9890fc974da1d7"
    static let configRefused = "bf301a142f1a4575bad0fa240b87c2f8"
    static let started = "f1e1010396ac42b58d6bb657cc32c297"
    static let stopping = "b3869dcdcf4a4d89a07fe3e3eb27d906"
}
