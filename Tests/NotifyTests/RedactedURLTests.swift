import Notify
import Testing

/// What logs show of a robot's address: where it goes, never its key.
@Suite struct RedactedURLTests {
    @Test(
        "keys in the query, the path or the user part are shown as …",
        arguments: [
            (
                "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa",
                "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"
            ),
            (
                "https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef&timestamp=1&sign=x%2B",
                "https://oapi.dingtalk.com/robot/send?access_token=…&timestamp=…&sign=…"
            ),
            (
                "https://open.feishu.cn/open-apis/bot/v2/hook/6f6d2b7e-0e5b-4b7a-a0d5-3c9f1a2b3c4d",
                "https://open.feishu.cn/open-apis/bot/v2/hook/…"
            ),
            ("https://user:pa55word@hooks.example.org:8443/in", "https://hooks.example.org:8443/in"),
        ])
    func redacted(url: String, shown: String) {
        #expect(RedactedURL.shown(url) == shown)
    }

    @Test("a secret's description never shows its bytes")
    func secretDescription() {
        let secret = Secret(Array("SECabc123\n".utf8))
        #expect("\(secret)" == "<secret>" && String(reflecting: secret) == "<secret>")
        #expect(secret.text == "SECabc123")
    }
}
