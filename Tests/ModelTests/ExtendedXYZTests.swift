import Foundation
import Testing
@testable import Model
import TestSupport

@Suite struct ExtendedXYZTests {
    @Test func roundTripIsExact() throws {
        let c = Fixtures.randomMixture(n: 100, seed: 5)
        let back = try ExtendedXYZ.decode(ExtendedXYZ.encode(c, comment: ["Time": "0"]))
        #expect(back == c)
    }

    @Test func truncatedFileNamesTheProblem() {
        var text = ExtendedXYZ.encode(Fixtures.randomMixture(n: 25))
        text = text.split(separator: "\n").dropLast(3).joined(separator: "\n")
        #expect { try ExtendedXYZ.decode(text, path: "conf.xyz") } throws: { e in
            "\(e)".contains("conf.xyz") && "\(e)".contains("announces 25 particles")
        }
    }

    @Test func unknownSpeciesIsRejected() {
        let text = "1\nLattice=\"5 0 0 0 5 0 0 0 1\" Properties=species:S:1:pos:R:3\nX 1 1 0\n"
        #expect { try ExtendedXYZ.decode(text, path: "a.xyz") } throws: { e in
            "\(e)" == "a.xyz:3: unknown species 'X'; allowed: S, M, L or types 1, 2, 3"
        }
    }

    @Test func badCountLineIsRejected() {
        #expect(throws: ModelError.self) { try ExtendedXYZ.decode("many\nLattice=\"5 0 0 0 5 0 0 0 1\"\n") }
    }
}
