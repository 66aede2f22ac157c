/// A register that cannot be opened or reached: named, with the reason, for the log and `STATUS=`.
package struct RegisterUnavailable: Error, CustomStringConvertible {
    package var location: String
    package var reason: String

    package init(location: String, reason: String) {
        self.location = location
        self.reason = reason
    }

    package var description: String { "register \(location) unavailable: \(reason)" }
}
