import Crypto
import ReportValidation

/// The request for one batch to one robot: the address (钉钉's with its `timestamp` and `sign`), the
/// headers and the body, the signature computed for the moment of sending.
package struct RobotRequest: Sendable {
    package var url: String
    package var headers: [(String, String)]
    package var body: [UInt8]

    /// The request to `kind` at `url` for `notices` at `nowMilliseconds`, signed with `signingSecret` if set.
    package static func make(
        _ kind: RobotKind, url: String, signingSecret: Secret?, notices: [Notification], nowMilliseconds: Int64
    ) -> RobotRequest {
        make(kind, url: url, signingSecret: signingSecret, nowMilliseconds: nowMilliseconds, deliveryID: deliveryID(notices)) {
            feishuSign in
            switch kind {
            case .weCom: RobotPayload.weCom(notices)
            case .dingTalk: RobotPayload.dingTalk(notices)
            case .feishu: RobotPayload.feishu(notices, timestampSeconds: feishuSign?.seconds, sign: feishuSign?.sign)
            case .webhook: RobotPayload.webhook(notices)
            }
        }
    }

    /// The request to `kind` at `url` with the body `body` makes (given 飞书's timestamp and signature
    /// when it is signed, which it carries inside), signed as the vendor wants: 钉钉 in the URL, the
    /// webhook in a header over the body, which also carries `deliveryID`.
    package static func make(
        _ kind: RobotKind, url: String, signingSecret: Secret?, nowMilliseconds: Int64, deliveryID: String,
        body: (_ feishuSign: (seconds: Int64, sign: String)?) -> [UInt8]
    ) -> RobotRequest {
        var headers = [("Content-Type", "application/json; charset=utf-8"), ("User-Agent", "nianbao")]
        switch kind {
        case .weCom:
            return RobotRequest(url: url, headers: headers, body: body(nil))
        case .dingTalk:
            var signed = url
            if let signingSecret {
                let sign = RobotSignature.dingTalk(timestampMilliseconds: nowMilliseconds, secret: signingSecret.text)
                signed += (url.contains("?") ? "&" : "?") + "timestamp=\(nowMilliseconds)&sign=\(percentEncoded(sign))"
            }
            return RobotRequest(url: signed, headers: headers, body: body(nil))
        case .feishu:
            let seconds = nowMilliseconds / 1000
            let sign = signingSecret.map { (seconds: seconds, sign: RobotSignature.feishu(timestampSeconds: seconds, secret: $0.text)) }
            return RobotRequest(url: url, headers: headers, body: body(sign))
        case .webhook:
            let bytes = body(nil)
            if let signingSecret {
                headers.append(("X-Nianbao-Signature", RobotSignature.webhook(body: bytes, secret: signingSecret.bytes)))
            }
            // One id per batch, stable across retries of the same batch: receivers may deduplicate on it.
            headers.append(("X-Nianbao-Delivery", deliveryID))
            return RobotRequest(url: url, headers: headers, body: bytes)
        }
    }

    /// The notice's id for one notice; for a batch, `batch-` and the first 32 hex digits of the SHA-256
    /// of the ids joined by newlines.
    package static func deliveryID(_ notices: [Notification]) -> String {
        if notices.count == 1, let only = notices.first { return only.id }
        let digest = SHA256.hash(data: Array(notices.map(\.id).joined(separator: "\n").utf8))
        return "batch-"
            + digest.prefix(16).map { byte in
                let hex = Array("0123456789abcdef")
                return String([hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            }.joined()
    }

    /// RFC 3986 percent-encoding of everything but the unreserved characters (Base64's `+`, `/`, `=`).
    package static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out += "%"
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }
}
