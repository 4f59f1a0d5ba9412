import Foundation
import Testing
@testable import Model

/// Issue 27 §2: the model file. The shipped models/ternary2d.toml is the built-in paper model;
/// a binary mixture is one file away; bad files name the file and the field.
@Suite struct ModelFileTests {
    static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../models/ternary2d.toml").standardized

    @Test func theShippedTernaryModelIsThePapers() throws {
        let m = try ModelFile.read(from: Self.shipped)
        #expect(m.mixture == Mixture.paper)
        #expect(PairPotential(mixture: m.mixture) == PairPotential(mixture: .paper))
        #expect(m.speciesMap == SpeciesMap.paper && m.names == ["S", "M", "L"])
        // Every pair the file lists, not only the three Mixture stores, equals the built-in value.
        let text = try String(contentsOf: Self.shipped, encoding: .utf8)
        for a in Species.allCases { for b in Species.allCases where a.rawValue <= b.rawValue {
            #expect(text.contains("\n\(a.symbol)-\(b.symbol) = \(Mixture.paper.sigma(a, b))\n"), "sigma \(a)-\(b)")
            #expect(text.contains("\n\(a.symbol)-\(b.symbol) = \(Mixture.paper.epsilon(a, b))\n"), "epsilon \(a)-\(b)")
        } }
    }

    static let binary = """
        potential = "smoothed-lj"
        cutoff = 2.5
        [[species]]
        name = "A"
        type = 1
        [[species]]
        name = "B"
        type = 2
        [sigma]
        A-A = 1.0
        B-A = 0.8
        B-B = 0.88
        [epsilon]
        A-A = 1.0
        A-B = 1.5
        B-B = 0.5
        """

    @Test func aBinaryMixtureTakesTheSmallAndLargeSlots() throws {
        let m = try ModelFile.decode(Self.binary)
        #expect(m.names == ["A", nil, "B"])
        #expect(m.speciesMap.species("A") == .small && m.speciesMap.species("2") == .large && m.speciesMap.species("S") == nil)
        #expect(m.mixture.sigma(.small, .small) == 1 && m.mixture.sigma(.large, .small) == 0.8 && m.mixture.sigma(.large, .large) == 0.88)
        #expect(m.mixture.epsilon(.small, .large) == 1.5 && m.mixture.epsilon(.large, .large) == 0.5 && m.mixture.cutoffRatio == 2.5)
    }

    func message(_ text: String) -> String {
        do { _ = try ModelFile.decode(text, path: "m.toml"); return "decoded" } catch { return "\(error)" }
    }

    @Test func badFilesNameTheField() throws {
        #expect(message(Self.binary.replacingOccurrences(of: "smoothed-lj", with: "lj"))
                == "m.toml: potential: expected one of \"smoothed-lj\" (the paper's smoothed Lennard-Jones)")
        #expect(message(Self.binary.replacingOccurrences(of: "B-B = 0.88\n", with: "")) == "m.toml: sigma: missing the pair B-B")
        #expect(message(Self.binary.replacingOccurrences(of: "B-A = 0.8", with: "B-C = 0.8")).hasPrefix("m.toml: sigma.B-C: expected NAME-NAME"))
        #expect(message(Self.binary.replacingOccurrences(of: "A-B = 1.5", with: "A-B = -1")) == "m.toml: epsilon.A-B: expected a finite number > 0")
        #expect(message(Self.binary.replacingOccurrences(of: "type = 2", with: "type = 1")) == "m.toml: species[1]: name 'B' or type 1 given twice")
        #expect(message("density = 1.0\n" + Self.binary) == "m.toml: density: unknown key; allowed: potential, cutoff, species, sigma, epsilon")
        #expect(message("cutoff = [").hasPrefix("m.toml:1: "))
        // Three species: the middle one must follow the mixing rule the descriptor code applies.
        let shipped = try String(contentsOf: Self.shipped, encoding: .utf8)
        #expect(message(shipped.replacingOccurrences(of: "M-M = 0.8968022466674206", with: "M-M = 0.9"))
                == "m.toml: sigma.M-M: is 0.9, but with three species the middle one (M) must follow the paper's mixing rule, "
                   + "the arithmetic mean of the S and L values: 0.8968022466674206")
    }
}
