// The libFuzzer entry point of the fuzz binary `scripts/fuzz` builds: this file, the pure module's
// sources and Tests/ReportValidationTests/Fuzz/{FuzzHarness,IconvGB18030}.swift, compiled as one module
// with `-sanitize=fuzzer,address -D NIANBAO_FUZZ`. Not part of the Swift package.
import Glibc

/// The target named by `NIANBAO_FUZZ_TARGET` (`check`, `html`, `docx`, `glued`).
let selectedTarget: FuzzTarget = {
    guard let name = getenv("NIANBAO_FUZZ_TARGET").map({ String(cString: $0) }), let target = FuzzTarget(rawValue: name)
    else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        say("NIANBAO_FUZZ_TARGET must name one of: \(names)")
        exit(2)
    }
    return target
}()

/// The daemon's GB18030 decoder; nil (and said once) on a system without glibc's GB18030 module.
let gb18030: IconvGB18030? = {
    let decoder = IconvGB18030()
    if decoder == nil { say("no GB18030 iconv module: the check target runs without a legacy decoder") }
    return decoder
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    selectedTarget.run(bytes, legacy: gb18030)
    return 0
}

/// A line on standard error (`stderr` itself is a global C variable Swift 6 will not touch).
func say(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
