/// The HTTP channels nianbao speaks: three chat robots and a generic signed JSON webhook.
package enum RobotKind: String, Sendable, Hashable, CaseIterable {
    /// 企业微信 group robot (`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…`).
    case weCom = "wecom"
    /// 钉钉 custom robot (`https://oapi.dingtalk.com/robot/send?access_token=…`), optionally with 加签.
    case dingTalk = "dingtalk"
    /// 飞书 custom robot (`https://open.feishu.cn/open-apis/bot/v2/hook/…`), optionally with 签名校验.
    case feishu
    /// Any receiver of nianbao's documented JSON document (docs/notifications.md), signed when a secret is set.
    case webhook

    /// How the robot is named in logs and answers.
    package var displayName: String {
        switch self {
        case .weCom: "企业微信 robot"
        case .dingTalk: "钉钉 robot"
        case .feishu: "飞书 robot"
        case .webhook: "webhook"
        }
    }

    /// Messages the vendor lets one robot post per minute; nianbao stays at or below it by batching.
    package var messagesPerMinute: Int {
        switch self {
        case .weCom, .dingTalk, .feishu: 20
        case .webhook: 60
        }
    }
}
