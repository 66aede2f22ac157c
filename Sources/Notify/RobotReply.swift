import FoundationEssentials

/// Reads a robot's or webhook's answer: the HTTP status first, then, for the chat robots, the error code
/// they put inside a 200 reply (`errcode` for 企业微信 and 钉钉, `code` or the older `StatusCode` for 飞书).
package enum RobotReply {
    /// Error codes inside a 200 reply that mean "later": rate limits and a busy vendor.
    /// 企业微信 45009 (api freq out of limit), 钉钉 130101 (send too fast) and 90030 (webhook over limit),
    /// 飞书 11232 (frequency limited), and the -1 (system busy) both 企业微信 and 钉钉 use.
    package static let retryableCodes: [RobotKind: Set<Int>] = [
        .weCom: [-1, 45009], .dingTalk: [-1, 130101, 90030], .feishu: [11232],
    ]

    /// Codes meaning the robot's address, key or signature is wrong: the administrator must fix the
    /// configuration. 企业微信 93000 (invalid webhook url), 钉钉 300001 (token is not exist) and 310000
    /// (sign, keyword or IP refused), 飞书 19001 (no such hook), 19021 (sign match fail), 19022 (IP not allowed).
    package static let badKeyCodes: [RobotKind: Set<Int>] = [
        .weCom: [93000], .dingTalk: [300001, 310000], .feishu: [19001, 19021, 19022],
    ]

    /// The outcome of one reply with `status`, its `Retry-After` header (seconds) and up to 64 KiB of `body`.
    package static func classify(_ kind: RobotKind, status: Int, retryAfter: String?, body: [UInt8]) -> DeliveryOutcome {
        let answer = excerpt(body)
        switch status {
        case 200..<300:
            guard kind != .webhook else { return .delivered(answer: "HTTP \(status)" + (answer.isEmpty ? "" : ": \(answer)")) }
            return classifyCode(kind, body: body, answer: answer)
        case 429:
            return .retryable(reason: "HTTP 429 (rate limited)" + suffix(answer), after: retryAfter.flatMap(seconds))
        case 408, 500..<600:
            return .retryable(reason: "HTTP \(status)" + suffix(answer), after: retryAfter.flatMap(seconds))
        case 300..<400:
            return .permanent(reason: "HTTP \(status): redirects are not followed; set the final address")
        case 401, 403, 404:
            return .permanent(reason: "HTTP \(status): the address or key is wrong" + suffix(answer))
        default:
            return .permanent(reason: "HTTP \(status)" + suffix(answer))
        }
    }

    /// The vendor's code inside a 2xx reply.
    static func classifyCode(_ kind: RobotKind, body: [UInt8], answer: String) -> DeliveryOutcome {
        guard let reply = try? JSONDecoder().decode(VendorAnswer.self, from: Data(body)), let code = reply.resolvedCode else {
            // A proxy's or captive portal's page, or a cut-off answer: the message may not have arrived.
            return .retryable(reason: "the \(kind.displayName) answered HTTP 200 without its error code" + suffix(answer), after: nil)
        }
        let said = "\(kind == .feishu ? "code" : "errcode") \(code)" + (reply.message.map { ": \($0)" } ?? "")
        if code == 0 { return .delivered(answer: said) }
        if retryableCodes[kind, default: []].contains(code) { return .retryable(reason: said, after: nil) }
        if badKeyCodes[kind, default: []].contains(code) {
            return .permanent(reason: "\(said) (the robot's address, key or signing secret is wrong)")
        }
        return .permanent(reason: said)
    }

    /// The fields the three vendors answer with; whichever is present is read.
    struct VendorAnswer: Decodable {
        var errcode: Int?
        var errmsg: String?
        var code: Int?
        var msg: String?
        var statusCode: Int?
        var statusMessage: String?

        /// 飞书's older answers spell these two in UpperCamelCase.
        enum CodingKeys: String, CodingKey {
            case errcode, errmsg, code, msg
            case statusCode = "StatusCode"
            case statusMessage = "StatusMessage"
        }

        var resolvedCode: Int? { errcode ?? code ?? statusCode }
        var message: String? { errmsg ?? msg ?? statusMessage }
    }

    /// `Retry-After` in whole seconds (the HTTP-date form is rare from these APIs and ignored).
    static func seconds(_ header: String) -> Duration? {
        Int(header.trimmingPrefix(while: \.isWhitespace)).flatMap { $0 >= 0 ? .seconds(min($0, 3600)) : nil }
    }

    /// The first 200 characters of the answer on one line, for logs and `--test`.
    static func excerpt(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(800), as: UTF8.self)
        return String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 }.prefix(200))
    }

    static func suffix(_ answer: String) -> String {
        answer.isEmpty ? "" : ": \(answer)"
    }
}
