import ArgumentParser
import Foundation
import Model
import Testing
import TestSupport
@testable import repro

/// Issue 27 §1: `repro descriptors` reads LAMMPS dumps and extended XYZ, picks the reader by
/// extension or --format, reads --frame and maps numeric types through --types.
@Suite struct DescriptorsInputTests {
    func message(_ arguments: [String]) -> String? {
        do { _ = try DescriptorsCommand.parse(arguments); return nil } catch { return DescriptorsCommand.message(for: error) }
    }

    @Test func theReaderComesFromTheExtensionOrFormat() throws {
        #expect(try DescriptorsCommand.parse(["c.lammpstrj"]).inputFormat() == .lammps)
        #expect(try DescriptorsCommand.parse(["c.DUMP"]).inputFormat() == .lammps)
        #expect(try DescriptorsCommand.parse(["c.extxyz"]).inputFormat() == .extxyz)
        #expect(try DescriptorsCommand.parse(["c.txt", "--format", "lammps"]).inputFormat() == .lammps)
        let txt = FileManager.default.temporaryDirectory.appendingPathComponent("c-\(UUID().uuidString).txt")
        try Data("1\n".utf8).write(to: txt)
        defer { try? FileManager.default.removeItem(at: txt) }
        #expect(message([txt.path]) == "cannot tell the format of '\(txt.path)' from its extension; use .xyz, .extxyz, .dump or .lammpstrj, or give --format extxyz or --format lammps")
        #expect(message(["c.txt"]) == "c.txt: cannot read file (no such file)") // the real problem first
        #expect(message(["c.xyz", "--format", "gsd"])?.contains("gsd") == true)
    }

    @Test func typesMapNumbersToSpecies() throws {
        #expect(try DescriptorsCommand.parse(["c.dump", "--types", "1=L,2=S"]).speciesMap().types == [1: .large, 2: .small])
        #expect(try DescriptorsCommand.parse(["c.dump"]).speciesMap() == .paper)
        #expect(message(["c.dump", "--types", "1=L,1=S"]) == "--types must be distinct TYPE=SPECIES pairs with SPECIES one of S, M, L (e.g. 1=S), got '1=S' in '1=L,1=S'")
        #expect(message(["c.dump", "--types", "1=A"])?.contains("got '1=A'") == true)
    }

    /// A two-frame dump with shuffled ids: --frame 0 gives the features of the first frame, the
    /// default those of the last, each equal to the features of that frame written as XYZ.
    @Test func aDumpFrameGivesTheFeaturesOfTheSameXYZ() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("din-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = Fixtures.randomMixture(n: 100, seed: 3), b = Fixtures.randomMixture(n: 100, seed: 4)
        let order = Array((0..<100).reversed())
        try (Fixtures.lammpsFrame(a, order: order) + Fixtures.lammpsFrame(b, timestep: 10, order: order))
            .write(to: dir.appendingPathComponent("run.dump"), atomically: true, encoding: .utf8)
        try ExtendedXYZ.write(a, to: dir.appendingPathComponent("a.xyz"))
        try ExtendedXYZ.write(b, to: dir.appendingPathComponent("b.xyz"))
        func features(_ arguments: [String], _ out: String) throws -> Data {
            try DescriptorsCommand.parse(arguments + ["--radius", "4", "--ells", "0.5,2", "--serial", "--out", dir.path + "/\(out)/f.npy"]).run()
            return try Data(contentsOf: dir.appendingPathComponent("\(out)/f.npy"))
        }
        let dump = dir.path + "/run.dump"
        #expect(try features([dump, "--frame", "0"], "d0") == features([dir.path + "/a.xyz"], "x0"))
        #expect(try features([dump], "d1") == features([dir.path + "/b.xyz"], "x1"))
        #expect(try features([dump], "d1") != features([dump, "--frame", "-2"], "d0b"))
        // Issue 27 §2: the shipped model file is the built-in model, byte for byte.
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../models/ternary2d.toml").standardized
        #expect(try features([dump, "--model", shipped.path], "m1") == features([dump], "d1b"))
    }

    /// A binary mixture through a model file: types 1 and 2 named A and B, features computed,
    /// species.npy holding the two slots 0 and 2; an A–B σ change changes the area fraction φ̄.
    @Test func aBinaryModelFileIsOneFileAway() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var c = Fixtures.randomMixture(n: 100, seed: 8)
        c.species = c.species.map { $0 == .medium ? .small : $0 }
        try Fixtures.lammpsFrame(c).replacingOccurrences(of: " 3 ", with: " 2 ").write(to: dir.appendingPathComponent("b.dump"), atomically: true, encoding: .utf8)
        let model = "potential = \"smoothed-lj\"\ncutoff = 2.5\n[[species]]\nname = \"A\"\ntype = 1\n[[species]]\nname = \"B\"\ntype = 2\n"
            + "[sigma]\nA-A = 1.0\nA-B = 0.8\nB-B = 0.88\n[epsilon]\nA-A = 1.0\nA-B = 1.5\nB-B = 0.5\n"
        try model.write(to: dir.appendingPathComponent("ka.toml"), atomically: true, encoding: .utf8)
        try model.replacingOccurrences(of: "A-B = 0.8", with: "A-B = 0.9").write(to: dir.appendingPathComponent("ka2.toml"), atomically: true, encoding: .utf8)
        func run(_ model: String, _ out: String) throws -> (Data, Data) {
            try DescriptorsCommand.parse([dir.path + "/b.dump", "--model", dir.path + "/" + model, "--radius", "4", "--ells", "1",
                                          "--serial", "--out", dir.path + "/\(out)/f.npy"]).run()
            return (try Data(contentsOf: dir.appendingPathComponent("\(out)/f.npy")), try Data(contentsOf: dir.appendingPathComponent("\(out)/species.npy")))
        }
        let (f1, s1) = try run("ka.toml", "a"), (f2, _) = try run("ka2.toml", "b")
        #expect(f1 != f2)
        #expect(Set(s1.suffix(4 * c.count).enumerated().filter { $0.offset % 4 == 0 }.map(\.element)) == [0, 2])
        #expect(message([dir.path + "/b.dump", "--model", dir.path + "/ka.toml", "--types", "1=S"])
                == "--types must be distinct TYPE=SPECIES pairs with SPECIES one of A, B (e.g. 1=A), got '1=S' in '1=S'")
        #expect(message([dir.path + "/b.dump", "--model", dir.path + "/none.toml"])?.hasPrefix("--model: \(dir.path)/none.toml: cannot read file") == true)
    }
}
