import Foundation

/// Debian's `chromium` run headless on a local page: the DOM it rendered (`--dump-dom`) and the console
/// messages it logged. Each run gets a throwaway profile and is waited on until it exits.
public enum HeadlessChromium {
    /// The browser, or nil when it is not installed (the browser tests then skip, saying so).
    public static let executable: String? = ["/usr/bin/chromium", "/usr/lib/chromium/chromium"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    public static var isInstalled: Bool { executable != nil }

    /// What the browser made of one page.
    public struct Rendering: Sendable {
        public var dom: String
        /// Console lines (`…:CONSOLE:…] "message", source: …`): errors, CSP violations, blocked loads.
        public var console: [String]
    }

    /// Renders the page `html` from a file in a fresh folder. `--no-sandbox` because CI runs as root;
    /// no network (background services off), so nothing leaves the machine.
    public static func render(_ html: String, label: String) throws -> Rendering {
        let folder = try TemporaryRoot.make("chromium-\(label)")
        defer { TemporaryRoot.remove(folder.path) }
        let page = folder.appendingPathComponent("page.html")
        try Data(html.utf8).write(to: page)
        return try render(fileAt: page.path, label: label)
    }

    /// Renders the page at `path` where it lies (so its relative links point at its neighbours), with a
    /// throwaway profile.
    public static func render(fileAt path: String, label: String) throws -> Rendering {
        guard let executable else { throw MissingBrowser() }
        let profile = try TemporaryRoot.make("chromium-profile-\(label)")
        defer { TemporaryRoot.remove(profile.path) }
        let run = try ProcessRunner.runBlocking([
            executable, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
            "--disable-background-networking", "--disable-component-update", "--disable-extensions",
            "--user-data-dir=\(profile.appendingPathComponent("profile").path)",
            "--enable-logging=stderr", "--v=0", "--dump-dom", URL(fileURLWithPath: path).absoluteString,
        ])
        guard run.status == 0, run.stdout.contains("</html>") else { throw BrowserFailed(outcome: run) }
        let console = run.stderr.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") }
        return Rendering(dom: run.stdout, console: console)
    }

    public struct MissingBrowser: Error, CustomStringConvertible {
        public var description: String { "chromium is not installed (apt-get install chromium)" }
    }

    public struct BrowserFailed: Error, CustomStringConvertible {
        public var outcome: ProcessRunner.Outcome
        public var description: String { "chromium did not render the page: \(outcome)" }
    }
}

/// The start tags of one element name in a serialized DOM, with their attributes unescaped.
public enum DOMTags {
    public static func attributes(of element: String, in dom: String) -> [[String: String]] {
        var result: [[String: String]] = []
        var rest = Substring(dom)
        let opener = "<\(element)"
        while let start = rest.range(of: opener) {
            var index = start.upperBound
            guard index < rest.endIndex, rest[index] == " " || rest[index] == ">" else {
                rest = rest[index...]
                continue
            }
            var attributes: [String: String] = [:]
            while index < rest.endIndex, rest[index] != ">" {
                if rest[index] == " " {
                    index = rest.index(after: index)
                    continue
                }
                let nameEnd = rest[index...].firstIndex { $0 == "=" || $0 == " " || $0 == ">" } ?? rest.endIndex
                let name = String(rest[index..<nameEnd])
                index = nameEnd
                if index < rest.endIndex, rest[index] == "=" {
                    let open = rest.index(index, offsetBy: 2)  // ="
                    let close = rest[open...].firstIndex(of: "\"") ?? rest.endIndex
                    attributes[name] = unescape(String(rest[open..<close]))
                    index = close < rest.endIndex ? rest.index(after: close) : close
                } else {
                    attributes[name] = ""
                }
            }
            result.append(attributes)
            rest = index < rest.endIndex ? rest[index...] : ""
        }
        return result
    }

    public static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&nbsp;", with: "\u{A0}")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}
