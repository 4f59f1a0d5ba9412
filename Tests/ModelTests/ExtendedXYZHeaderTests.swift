import Foundation
import Testing
@testable import Model

/// Issue 24, item 1: the header line is split into whole keys as ASE splits it, pbc is read, and
/// particles far outside the box are refused.
@Suite struct ExtendedXYZHeaderTests {
    static let body = "S 1 1 0\nM 3 2 0\nL 2 4 0\n"

    func decode(_ header: String, body: String = body) throws -> Configuration {
        try ExtendedXYZ.decode("3\n\(header)\n\(body)", path: "h.xyz")
    }

    func message(_ header: String, body: String = body) -> String {
        do { _ = try decode(header, body: body); return "decoded" } catch { return "\(error)" }
    }

    func header(_ line: String) throws -> ExtendedXYZHeader { try ExtendedXYZHeader(parsing: Substring(line)) }

    @Test func aKeyThatEndsInLatticeIsNotTheLattice() throws {
        let c = try decode("ref_Lattice=\"45 0 0 0 45 0 0 0 1\" Lattice=\"62.5 0 0 0 62.5 0 0 0 1\" Properties=species:S:1:pos:R:3")
        #expect(c.boxLength == 62.5)
        #expect(try decode("Lattice=\"62.5 0 0 0 62.5 0 0 0 1\" oldLattice=\"45 0 0 0 45 0 0 0 1\"").boxLength == 62.5)
        // Nor is a key that ends in Properties the Properties.
        #expect(try decode("ref_Properties=Z:I:1:pos:R:3 Lattice=\"9 0 0 0 9 0 0 0 1\" Properties=species:S:1:pos:R:3").boxLength == 9)
        #expect(message("old_Properties=species:S:1:pos:R:3 Lattice=\"9 0 0 0 9 0 0 0 1\" Properties=Z:I:1:pos:R:3")
                == "h.xyz:2: Properties must start with species:S:1:pos:R:2 or :3, found Z:I:1:pos:R:3")
        // The text of a quoted value is not a key either.
        #expect(try decode("note=\"Lattice=45 0 0 0 45 0 0 0 1\" Lattice=\"9 0 0 0 9 0 0 0 1\"").boxLength == 9)
        #expect(message("note=\"Lattice=\\\"9 0 0 0 9 0 0 0 1\\\"\"") == "h.xyz:2: header has no Lattice=\"L 0 0 0 L 0 0 0 1\" field")
    }

    @Test func quotedAndBracedValuesAndFlags() throws {
        let h = try header("comment=\"a b = c\" Lattice='5 0 0 0 5 0 0 0 1' time = 3 tag=\"say \\\"hi\\\"\" verbose units={metal lj} "
                           + "pbc weights=[1, 2] \"my key\"=x")
        #expect(h.lx == 5 && h.ly == 5 && h.pbc == [true, true, true] && h.properties == "species:S:1:pos:R:3")
        #expect(h.fields.map(\.key) == ["comment", "Lattice", "time", "tag", "verbose", "units", "pbc", "weights", "my key"])
        #expect(h.fields.map(\.value) == ["a b = c", "5 0 0 0 5 0 0 0 1", "3", "say \"hi\"", nil, "metal lj", nil, "1, 2", "x"])
        #expect(try header("Lattice={7 0 0 0 7 0 0 0 1}").lx == 7)
        #expect(try header("Lattice=[7, 0, 0, 0, 7, 0, 0, 0, 1]").lx == 7)
        #expect(try header("lattice=\"7 0 0 0 7 0 0 0 1\" PBC=\"T T F\" properties=species:S:1:pos:R:2").pbc == [true, true, false])
    }

    @Test func commentsWeWriteReadBackAsWritten() throws {
        let comment = ["note": "a \"quoted\" b=c {x} [y] 'z' \\ end", "time": "3", "my key": "T T"]
        let text = ExtendedXYZ.encode(Configuration(boxLength: 5, x: [1], y: [2], species: [.small]), comment: comment)
        let h = try header(String(text.split(separator: "\n")[1]))
        #expect(h.lx == 5 && h.pbc == [true, true, false] && h.properties == "species:S:1:pos:R:3")
        #expect(Dictionary(uniqueKeysWithValues: h.fields.dropFirst(3).map { ($0.key, $0.value!) }) == comment)
    }

    @Test func theParserReturnsBothSides() throws {
        let h = try header("Lattice=\"4 0 0 0 6 0 0 0 1\"")
        #expect(h.lx == 4 && h.ly == 6)
        // Issue 27: a rectangular box is read as it is.
        let c = try decode("Lattice=\"4 0 0 0 6 0 0 0 1\"")
        #expect(c.lx == 4 && c.ly == 6 && !c.isSquare)
        #expect(message("Lattice=\"6 0 0 1 6 0 0 0 1\"").hasPrefix("h.xyz:2: only rectangular periodic boxes in the xy plane are read"))
        #expect(message("Lattice=\"6 0 0 0 6 0 0 0\"") == "h.xyz:2: Lattice must hold 9 numbers (the cell vectors a, b, c), found \"6 0 0 0 6 0 0 0\"")
        #expect(message("Lattice=\"0x6 0 0 0 6 0 0 0 1\"").hasPrefix("h.xyz:2: Lattice must hold 9 numbers"))
        #expect(message("Lattice=\"inf 0 0 0 inf 0 0 0 1\"").hasPrefix("h.xyz:2: Lattice must hold 9 numbers"))
    }

    @Test func aNonPeriodicBoxIsRefused() throws {
        let lattice = "Lattice=\"9 0 0 0 9 0 0 0 1\""
        #expect(message("\(lattice) pbc=\"F F F\"")
                == "h.xyz:2: pbc=\"F F F\" says the box is not periodic in x and y; only periodic boxes are simulated (pbc=\"T T F\" or \"T T T\")")
        #expect(message("\(lattice) pbc=\"T F T\"").contains("not periodic in y;"))
        #expect(message("\(lattice) pbc=\"F T F\"").contains("not periodic in x;"))
        #expect(message("\(lattice) pbc=F").contains("not periodic in x and y;"))
        #expect(message("\(lattice) pbc=\"T T\"") == "h.xyz:2: pbc must be one or three of T, F (or True, False), found \"T T\"")
        #expect(try decode("\(lattice) pbc=\"T T F\"").boxLength == 9)
        #expect(try decode("\(lattice) pbc=\"True, True, False\"").boxLength == 9)
        #expect(try decode("\(lattice) pbc").boxLength == 9)
    }

    @Test func aRepeatedKeyIsRefused() {
        let lattice = "Lattice=\"9 0 0 0 9 0 0 0 1\""
        #expect(message("\(lattice) Lattice=\"45 0 0 0 45 0 0 0 1\"") == "h.xyz:2: key 'Lattice' appears twice (also as 'Lattice'); give it once")
        #expect(message("\(lattice) LATTICE=\"45 0 0 0 45 0 0 0 1\"") == "h.xyz:2: key 'LATTICE' appears twice (also as 'Lattice'); give it once")
        #expect(message("\(lattice) time=1 time=2").contains("key 'time' appears twice"))
        #expect(message("\(lattice) pbc pbc=\"T T F\"").contains("key 'pbc' appears twice"))
        // Other keys are case-sensitive, as in ASE.
        #expect(message("\(lattice) time=1 Time=2") == "decoded")
    }

    @Test func malformedHeadersSayWhere() {
        let lattice = "Lattice=\"9 0 0 0 9 0 0 0 1\""
        #expect(message("\(lattice) note=\"open") == "h.xyz:2: the \" opened at column 34 is never closed")
        #expect(message("\(lattice) units={lj") == "h.xyz:2: the { opened at column 35 is never closed")
        #expect(message("\(lattice) note=a\\") == "h.xyz:2: the header ends in a backslash")
        #expect(message("\(lattice) note=\"\" time=1") == "h.xyz:2: key 'note' has an empty value")
        #expect(message("=5 \(lattice)") == "h.xyz:2: '=' at column 1 has no key before it")
        #expect(message("\(lattice) \"\"=5") == "h.xyz:2: a value has no key (\"=5\")")
    }

    @Test func particlesFarOutsideTheBoxAreRefusedNamingTheLine() throws {
        let lattice = "Lattice=\"5 0 0 0 5 0 0 0 1\""
        let limit = Double(ExtendedXYZ.farOutside) * 5
        // Unwrapped positions within the tolerance are read as written.
        let inside = try decode(lattice, body: "S 1 1 0\nM \(-limit) 2 0\nL 2 \(5 + limit - 1e-9) 0\n")
        #expect(inside.x[1] == -limit && inside.y[2] == 5 + limit - 1e-9)
        #expect(message(lattice, body: "S 1 1 0\nM \(-limit - 0.5) 2 0\nL 2 4 0\n")
                == "h.xyz:4: particle 1 at (\(-limit - 0.5), 2) lies more than \(ExtendedXYZ.farOutside) box lengths outside the box [0, 5.0)²: "
                   + "the Lattice does not fit these positions (another box, or other units?); "
                   + "positions unwrapped by a run that long must be wrapped into the box")
        #expect(message(lattice, body: "S 1 1 0\nM 3 2 0\nL 2 \(5 + limit) 0\n").hasPrefix("h.xyz:5: particle 2 at"))
    }
}
