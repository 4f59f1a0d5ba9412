import Foundation
@testable import Pipeline
import Testing
@testable import Reproduction

/// The equilibrate stage keeps its preparation's checkpoint in the task's scratch directory:
/// interrupted in the swap stage it stops as cancelled, and the next run writes the same bytes
/// as an uninterrupted one.
@Suite struct EquilibrateResumeTests {
    static let manifest = """
        [base]
        seed = 3
        n = 400
        temperature = 0.8
        [stage.equilibrate]
        melt_sweeps = 50
        equilibration_window = 100
        max_swap_sweeps = 400
        check_sweeps = 40
        """

    /// The first progress a run reports (the stage runs on the calling thread).
    final class FirstProgress: @unchecked Sendable { var sweeps: Double?; var restored = 0.0 }

    /// Runs equilibrate in `directory`; `stopAt` cancels once progress passes that many sweeps.
    /// Returns the first progress reported: where the run started.
    @discardableResult
    func run(in directory: URL, stopAt: Double? = nil, restored: ((Double) -> Void)? = nil) throws -> Double? {
        let registry = PaperStages.registry()
        let m = try Manifest.parse(text: Self.manifest, file: "tiny.toml", profile: nil, registry: registry)
        let node = try #require(TaskGraph(manifest: m, registry: registry).tasks.first { $0.kind.name == "equilibrate" })
        let out = directory.appendingPathComponent("out"), scratch = directory.appendingPathComponent("scratch")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let token = CancellationToken(), first = FirstProgress()
        let context = TaskContext(id: node.id, kind: node.kind.name, parameters: node.parameters, inputs: [:], seed: 11, globalSeed: 3,
                                  threads: 1, outputDirectory: out, scratchDirectory: scratch, cancellation: token,
                                  onProgress: { _, done, _, _ in
                                      if first.sweeps == nil { first.sweeps = done }
                                      if let s = stopAt, done >= s { token.cancel() }
                                  },
                                  onResumed: { _, amount in first.restored += amount })
        defer { restored?(first.restored) }
        try SimulationStages.runEquilibrate(context)
        return first.sweeps
    }

    @Test func anInterruptedEquilibrationResumesToTheSameFiles() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("equilibrate-resume-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let straight = root.appendingPathComponent("straight"), resumed = root.appendingPathComponent("resumed")
        try run(in: straight)
        // 50 melt sweeps + 150 swap sweeps: inside the second window.
        #expect(throws: TaskCancelled.self) { try run(in: resumed, stopAt: 200) }
        #expect(FileManager.default.fileExists(atPath: resumed.appendingPathComponent("scratch/preparation_0.ckpt").path))
        var loaded = 0.0
        let firstReport = try run(in: resumed, restored: { loaded = $0 })
        #expect(firstReport.map { $0 > 200 } == true, "the second run continues from the checkpoint")
        // It says how much it loaded (the sweeps up to the cut), so its rate leaves them out.
        #expect(loaded >= 200 && loaded < (firstReport ?? 0))
        for file in ["configuration.xyz", "equilibrium.json"] {
            let a = try Data(contentsOf: straight.appendingPathComponent("out/\(file)"))
            #expect(try Data(contentsOf: resumed.appendingPathComponent("out/\(file)")) == a, "\(file)")
        }
    }
}
