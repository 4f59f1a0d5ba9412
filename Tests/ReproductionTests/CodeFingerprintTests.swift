import Foundation
import Pipeline
import Testing
@testable import Reproduction

/// The build-time fingerprints describe the sources as they are now, and every stage kind has one.
@Suite struct CodeFingerprintTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// The plugin's hash, written out again: FNV-1a 64 over each file's relative path and bytes, sorted.
    static func hash(module: String) throws -> String {
        let dir = sources.appendingPathComponent(module)
        let files = (FileManager.default.enumerator(atPath: dir.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".swift") }.sorted()
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func feed(_ bytes: some Sequence<UInt8>) { for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 } }
        for f in files { feed(Array(f.utf8)); feed(try Data(contentsOf: dir.appendingPathComponent(f))) }
        return String(h, radix: 16)
    }

    @Test(arguments: ["MonteCarlo", "Statistics", "Reproduction"])
    func fingerprintsMatchTheSourcesOfThisBuild(module: String) throws {
        #expect(SourceFingerprints.byModule[module] == (try Self.hash(module: module)))
    }

    @Test func everyRegisteredKindHasAFingerprintOfKnownModules() {
        // The command kind runs the study's own programs: their content is in its cache key.
        for kind in PaperStages.registry().kinds.values where kind.name != CommandStage.name {
            let f = kind.codeFingerprint ?? ""
            #expect(!f.isEmpty && !f.contains("?"), "\(kind.name): \(f)")
        }
        // A science stage does not depend on the report's own code.
        let equilibrate = PaperStages.registry().kinds["equilibrate"]?.codeFingerprint ?? ""
        #expect(equilibrate.hasPrefix("Formats:") && equilibrate.contains("Reproduction") == false)
    }
}
