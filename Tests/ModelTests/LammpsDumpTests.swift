import Foundation
import Testing
@testable import Model
import TestSupport

/// Issue 27 §1: LAMMPS text dumps: any column order, atoms in any id order (read back sorted
/// by id), scaled coordinates, several frames; every error names the file, line and field.
@Suite struct LammpsDumpTests {
    static let c = Fixtures.randomMixture(n: 50, seed: 11)

    func message(_ text: String, frame: Int? = nil) -> String {
        do { _ = try LammpsDump.decode(text, path: "a.dump", frame: frame); return "decoded" } catch { return "\(error)" }
    }

    @Test func shuffledIdsAnyColumnOrderReadBackInIdOrder() throws {
        let order = Array((0..<Self.c.count).reversed())
        let text = Fixtures.lammpsFrame(Self.c, order: order, columns: ["x", "type", "z", "y", "id"])
        #expect(try LammpsDump.decode(text) == Self.c)
    }

    @Test func scaledCoordinatesGiveThePositionsTimesTheBox() throws {
        let back = try LammpsDump.decode(Fixtures.lammpsFrame(Self.c, columns: ["id", "type", "xs", "ys"]))
        #expect(back.species == Self.c.species && back.lx == Self.c.lx)
        for i in 0..<Self.c.count { #expect(abs(back.x[i] - Self.c.x[i]) < 1e-12 && abs(back.y[i] - Self.c.y[i]) < 1e-12) }
    }

    @Test func theLastFrameIsTheDefaultAndFramesCountFromEitherEnd() throws {
        var moved = Self.c
        moved.x[0] += 0.25
        let text = Fixtures.lammpsFrame(Self.c, timestep: 0) + Fixtures.lammpsFrame(moved, timestep: 100)
        #expect(try LammpsDump.decode(text) == moved)
        #expect(try LammpsDump.decode(text, frame: 0) == Self.c)
        #expect(try LammpsDump.decode(text, frame: -2) == Self.c)
        #expect(message(text, frame: 2) == "invalid frame = 2: expected 0…1, or −2…−1 from the end: a.dump holds 2 frames")
    }

    @Test func aRectangularBoxWithAnOffsetOriginIsRead() throws {
        let text = "ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n2\nITEM: BOX BOUNDS pp pp pp\n-5 5\n-2 18\n-0.5 0.5\n"
                 + "ITEM: ATOMS id type x y\n2 3 4 17\n1 1 -4 -1\n"
        let back = try LammpsDump.decode(text)
        #expect(back.lx == 10 && back.ly == 20 && back.x == [1, 9] && back.y == [1, 19] && back.species == [.small, .large])
    }

    @Test func badInputNamesFileLineAndField() {
        let head = "ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n2\n"
        let box = "ITEM: BOX BOUNDS pp pp pp\n0 10\n0 10\n-0.5 0.5\n"
        let atoms = "ITEM: ATOMS id type x y\n"
        #expect(message(head + box + atoms + "1 1 1 1\n2 7 2 2\n") == "a.dump:11: field 'type': unknown type '7'; allowed: S, M, L or types 1, 2, 3")
        #expect(message(head + box + atoms + "1 1 1 1\n2 1 2 nan\n") == "a.dump:11: field 'y' must be a finite number, found \"nan\"")
        #expect(message(head + box + atoms + "1 1 1 1\n1 1 2 2\n") == "a.dump:11: atom id 1 appears twice (also on line 10)")
        #expect(message(head + box + atoms + "1 1 1 1\n2 1 2\n") == "a.dump:11: expected 4 fields (id type x y), found 3")
        #expect(message(head + box + atoms + "1 1 1 1\n") == "a.dump:10: NUMBER OF ATOMS announces 2 atoms but the file holds 1 atom lines after line 9")
        #expect(message(head + box + "ITEM: ATOMS id type vx vy\n1 1 1 1\n2 1 2 2\n")
                == "a.dump:9: ITEM: ATOMS has no position columns: expected x y, xu yu, xs ys or xsu ysu (found: id type vx vy)")
        #expect(message(head + box + "ITEM: ATOMS id x y\n1 1 1\n2 2 2\n") == "a.dump:9: ITEM: ATOMS has no 'type' column (found: id x y)")
        #expect(message(head + "ITEM: BOX BOUNDS pp ff pp\n0 10\n0 10\n0 1\n" + atoms + "1 1 1 1\n2 1 2 2\n")
                == "a.dump:5: BOX BOUNDS: the y boundary is 'ff'; only periodic x and y ('pp') are read")
        #expect(message(head + "ITEM: BOX BOUNDS xy xz yz pp pp pp\n0 10 1\n0 10 0\n0 1 0\n" + atoms + "1 1 1 1\n2 1 2 2\n")
                == "a.dump:5: BOX BOUNDS: triclinic boxes (xy xz yz) are not read; write an orthogonal box (2D: xy = 0)")
        #expect(message(head + "ITEM: BOX BOUNDS pp pp pp\n10 0\n0 10\n0 1\n" + atoms + "1 1 1 1\n2 1 2 2\n")
                == "a.dump:6: BOX BOUNDS: the x line must be 'xlo xhi' with xlo < xhi, found \"10 0\"")
        #expect(message(head + box + atoms + "1 1 1 1\n2 1 1 1\n").hasPrefix("a.dump:11: atoms with ids 1 and 2 (lines 10 and 11) are at the same position"))
        #expect(message("ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\nmany\n") == "a.dump:4: NUMBER OF ATOMS must be a positive integer, found \"many\"")
        #expect(message("hello\n") == "a.dump:1: expected an 'ITEM:' line, found \"hello\"")
        #expect(message("") == "a.dump:1: empty file: expected ITEM: TIMESTEP")
    }
}

/// Issue 27 §1: multi-frame extended XYZ, read frame K (default: the last).
@Suite struct ExtendedXYZFramesTests {
    @Test func framesAreReadByIndexDefaultingToTheLast() throws {
        let a = Fixtures.randomMixture(n: 25, seed: 1), b = Fixtures.randomMixture(n: 50, seed: 2)
        let text = ExtendedXYZ.encode(a) + ExtendedXYZ.encode(b)
        #expect(try ExtendedXYZ.decode(text) == b)
        #expect(try ExtendedXYZ.decode(text, frame: 0) == a)
        #expect(try ExtendedXYZ.decode(text, frame: -2) == a)
        #expect(throws: ModelError.invalidParameter(field: "frame", value: "2", allowed: "0…1, or −2…−1 from the end: f.xyz holds 2 frames")) {
            try ExtendedXYZ.decode(text, path: "f.xyz", frame: 2)
        }
    }

    @Test func aFrameWithExtraLinesIsNamed() {
        let text = ExtendedXYZ.encode(Fixtures.randomMixture(n: 25, seed: 1)) + "S 1 1 0\n"
        #expect { try ExtendedXYZ.decode(text, path: "f.xyz") } throws: { e in
            "\(e)" == "f.xyz:28: expected the particle count of frame 1 (a positive integer), found \"S 1 1 0\"; or frame 0 (line 1) holds more particle lines than its count"
        }
    }

    @Test func speciesMayBeNumbers() throws {
        let text = "2\nLattice=\"5 0 0 0 7 0 0 0 1\"\n1 1 1 0\n3 2 6 0\n"
        let c = try ExtendedXYZ.decode(text)
        #expect(c.species == [.small, .large] && c.lx == 5 && c.ly == 7)
    }

    @Test func rectangularBoxesRoundTrip() throws {
        var c = Fixtures.randomMixture(n: 25, seed: 3)
        c.ly = 1.5 * c.lx
        #expect(try ExtendedXYZ.decode(ExtendedXYZ.encode(c)) == c)
    }
}
