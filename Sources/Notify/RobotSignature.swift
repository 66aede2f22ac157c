import Crypto

/// The signatures the chat robots and the generic webhook ask for, each as its documentation defines it.
///
/// 钉钉 (加签): Base64 of HMAC-SHA256 over `"timestamp\nsecret"` keyed by the secret, URL-encoded in the
/// `sign` query item. 飞书 (签名校验): Base64 of HMAC-SHA256 over the empty message keyed by
/// `"timestamp\nsecret"`, in the body's `sign`. Webhook: `sha256=` and the hex HMAC-SHA256 of the body.
package enum RobotSignature {
    /// DingTalk's `sign` for a request sent at `timestampMilliseconds`, before URL encoding.
    package static func dingTalk(timestampMilliseconds: Int64, secret: String) -> String {
        let key = SymmetricKey(data: Array(secret.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Array("\(timestampMilliseconds)\n\(secret)".utf8), using: key)
        return base64(Array(mac))
    }

    /// Feishu's `sign` for a request sent at `timestampSeconds`.
    package static func feishu(timestampSeconds: Int64, secret: String) -> String {
        let key = SymmetricKey(data: Array("\(timestampSeconds)\n\(secret)".utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: [UInt8](), using: key)
        return base64(Array(mac))
    }

    /// The generic webhook's `X-Nianbao-Signature` header value for `body`.
    package static func webhook(body: [UInt8], secret: [UInt8]) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: secret))
        return "sha256="
            + mac.map { byte in
                let hex = Array("0123456789abcdef".utf8)
                return String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0x0f)]], as: UTF8.self)
            }.joined()
    }

    /// Standard Base64 with padding (RFC 4648 §4).
    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            let b0 = chunk[chunk.startIndex]
            let b1 = chunk.count > 1 ? chunk[chunk.startIndex + 1] : 0
            let b2 = chunk.count > 2 ? chunk[chunk.startIndex + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(chunk.count > 1 ? alphabet[Int((b1 & 0x0f) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(chunk.count > 2 ? alphabet[Int(b2 & 0x3f)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
