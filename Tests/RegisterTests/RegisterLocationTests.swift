import Register
import Testing

@Suite struct RegisterLocationTests {
    @Test(arguments: [
        ("/var/lib/nianbao/register.sqlite3", RegisterLocation.sqlite(path: "/var/lib/nianbao/register.sqlite3")),
        ("sqlite:/tmp/r.db", .sqlite(path: "/tmp/r.db")),
        ("postgresql://nianbao@127.0.0.1:5432/nianbao", .postgresql(url: "postgresql://nianbao@127.0.0.1:5432/nianbao")),
        ("POSTGRES://db.example/n?sslmode=require", .postgresql(url: "POSTGRES://db.example/n?sslmode=require")),
    ])
    func aDatabaseValueNamesItsKindOfRegister(text: String, expected: RegisterLocation) {
        #expect(RegisterLocation(parsing: text) == expected)
    }

    @Test func anEmptyValueMeansTheDefault() {
        #expect(RegisterLocation(parsing: "  ") == nil)
    }
}
