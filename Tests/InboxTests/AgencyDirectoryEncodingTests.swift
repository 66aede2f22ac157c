import Glibc
import ReportValidation
import Testing

@testable import Inbox

/// `agencies.csv` as Excel and WPS save it: GBK (「CSV（逗号分隔）」 on a Chinese Windows) or UTF-8 with a BOM.
@Suite struct AgencyDirectoryEncodingTests {
    static let text = "名称,别名,类型,联系人\r\n王村镇人民政府,王村镇；王村,乡镇/街道,\"张三, 李四\"\r\n\r\n某某县发展和改革局,县发改局,部门,\r\n"

    @Test func gbkDirectoryIsReadThroughTheLegacyDecoder() throws {
        let bytes = try IconvDecoder.encode(Self.text, to: "GBK")
        #expect(String(validating: bytes, as: UTF8.self) == nil, "the test bytes really are GBK, not UTF-8")
        let directory = try AgencyDirectory.parse(bytes, legacy: try IconvDecoder()).get()
        #expect(directory.agencies.map(\.name) == ["王村镇人民政府", "某某县发展和改革局"])
        #expect(directory.agencies[0].aliases == ["王村镇", "王村"] && directory.agencies[0].contact == "张三, 李四")
        #expect(directory.agencies[1].line == 4 && directory.agencies[1].kind == .department)
        #expect(directory.match("王村镇政府").agency?.name == "王村镇人民政府")
    }

    @Test func utf8WithBOMAndGBKGiveTheSameDirectory() throws {
        let bom = [0xEF, 0xBB, 0xBF] + Array(Self.text.utf8)
        let gbk = try IconvDecoder.encode(Self.text, to: "GBK")
        let decoder = try IconvDecoder()
        #expect(try AgencyDirectory.parse(bom, legacy: decoder).get() == AgencyDirectory.parse(gbk, legacy: decoder).get())
    }

    /// The daemon's loader (``AgencyDirectoryFile``): both encodings from disk give one directory.
    @Test(arguments: ["gbk", "bom"])
    func directoryFileOnDiskIsReadInEitherEncoding(encoding: String) throws {
        let folder = try TemporaryDirectory()
        let bytes = encoding == "gbk" ? try IconvDecoder.encode(Self.text, to: "GBK") : [0xEF, 0xBB, 0xBF] + Array(Self.text.utf8)
        let path = try folder.write("agencies.csv", bytes)
        let directory = try #require(try AgencyDirectoryFile.load(path: path, legacy: try IconvDecoder()))
        #expect(directory.agencies.map(\.name) == ["王村镇人民政府", "某某县发展和改革局"])
        #expect(directory.fileName == "agencies.csv")
    }

    @Test func noDirectoryFileMeansNoDirectory() throws {
        let folder = try TemporaryDirectory()
        #expect(try AgencyDirectoryFile.load(path: folder.path("agencies.csv"), legacy: nil) == nil)
    }

    /// A file that exists but cannot be used is refused like a bad config: path, line, both languages.
    @Test func badDirectoryFileIsAnErrorNamingPathAndLine() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("agencies.csv", Array("名称,类型\n甲镇,乡镇\n乙镇,村委会\n".utf8))
        do {
            _ = try AgencyDirectoryFile.load(path: path, legacy: nil)
            Issue.record("a kind no directory may have was accepted")
        } catch {
            #expect(error.path == path && error.line == 3)
            #expect("\(error)".hasPrefix(path + ":3: agency directory: kind") && "\(error)".contains("村委会"), "\(error)")
        }
        let directoryPath = folder.path("sub")
        mkdir(directoryPath, 0o755)
        #expect(throws: ConfigurationError.self) { try AgencyDirectoryFile.load(path: directoryPath, legacy: nil) }
    }

    @Test func configKeyAgenciesSetsThePathAndMustBeAbsolute() throws {
        let settings = try DaemonConfiguration.parse(text: "[Register]\nAgencies=/srv/office/agencies.csv\n", path: "c")
        #expect(settings.agenciesPath == "/srv/office/agencies.csv")
        #expect(InboxSettings().agenciesPath == "/etc/nianbao/agencies.csv")
        #expect(throws: ConfigurationError.self) { try DaemonConfiguration.parse(text: "[Register]\nAgencies=agencies.csv\n", path: "c") }
    }
}
