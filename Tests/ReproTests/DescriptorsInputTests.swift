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
        #expect(message(["c.txt"]) == "cannot tell the format of 'c.txt' from its extension; use .xyz, .extxyz, .dump or .lammpstrj, or give --format extxyz or --format lammps")
        #expect(message(["c.xyz", "--format", "gsd"])?.contains("gsd") == true)
    }

    @Test func typesMapNumbersToSpecies() throws {
        #expect(try DescriptorsCommand.parse(["c.dump", "--types", "1=L,2=S"]).speciesMap().types == [1: .large, 2: .small])
        #expect(try DescriptorsCommand.parse(["c.dump"]).speciesMap() == .paper)
        #expect(message(["c.dump", "--types", "1=L,1=S"]) == "--types must be distinct TYPE=SPECIES pairs with SPECIES one of S, M, L (e.g. 1=S,2=M,3=L), got '1=S' in '1=L,1=S'")
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
    }
}
