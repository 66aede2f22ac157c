import Notify
import Testing

/// Expected values computed with Python's `hmac`, `hashlib` and `base64` from each vendor's documented recipe.
@Suite struct RobotSignatureTests {
    @Test func dingTalkSignsTimestampNewlineSecretKeyedBySecret() {
        #expect(
            RobotSignature.dingTalk(timestampMilliseconds: 1_577_262_236_757, secret: "SECtest")
                == "Za/ne6w2koB8B4ROVlgTNd/X+/FbyDpZrXLz57xNZSA=")
    }

    @Test func feishuSignsTheEmptyMessageKeyedByTimestampNewlineSecret() {
        #expect(
            RobotSignature.feishu(timestampSeconds: 1_599_360_473, secret: "demo")
                == "l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8=")
    }

    @Test func webhookSignatureIsHexHMACOfTheBody() {
        #expect(
            RobotSignature.webhook(body: Array("{}".utf8), secret: Array("k".utf8))
                == "sha256=add853b103fbcc936a194f9eb15e29c4ff08af6e47d5d1bca4f20218e31e4fff")
    }
}
