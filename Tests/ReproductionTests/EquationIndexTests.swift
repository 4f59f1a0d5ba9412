import Foundation
import Testing

/// The equation index (docs/physics.md) is true: each of the paper's 17 numbered equations has one row,
/// and the file that row names cites it as `Eq. (N)`, so `grep -rn "Eq. (N)" Sources` finds it.
@Suite struct EquationIndexTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Equation number → the file named in its row of docs/physics.md.
    static func index() throws -> [Int: String] {
        let readme = try String(contentsOf: root.appendingPathComponent("docs/physics.md"), encoding: .utf8)
        var rows: [Int: String] = [:]
        for line in readme.split(separator: "\n") where line.hasPrefix("| Eq. (") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let number = Int(cells[0].dropFirst("Eq. (".count).dropLast())
            let file = cells.last.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
            if let number, let file { rows[number] = file }
        }
        return rows
    }

    @Test func everyNumberedEquationHasOneRowAndItsFileCitesIt() throws {
        let rows = try Self.index()
        #expect(Set(rows.keys) == Set(1...17), "docs/physics.md rows: \(rows.keys.sorted())")
        for (number, file) in rows {
            let text = try String(contentsOf: Self.root.appendingPathComponent(file), encoding: .utf8)
            #expect(text.contains("Eq. (\(number))"), "\(file) does not cite Eq. (\(number))")
        }
    }

    /// "Eqs. (8)–(10)" hides Eq. (9) from grep, and a number above 17 is not the paper's.
    @Test func sourcesCiteEquationsOneAtATimeAndOnlyNumberedOnes() throws {
        let sources = Self.root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
        let pattern = try NSRegularExpression(pattern: #"Eq\. \(([0-9]+)\)"#)
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("Eqs. ("), "\(file) cites a range of equations")
            for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let n = Int((text as NSString).substring(with: m.range(at: 1)))!
                #expect((1...17).contains(n), "\(file) cites Eq. (\(n))")
            }
        }
    }
}
