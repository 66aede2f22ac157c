import Testing
@testable import Inbox
