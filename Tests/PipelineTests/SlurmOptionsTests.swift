// Slurm options from the [executor] table, the executor choice, parsing of squeue/sacct output,
// the classification of finished elements, and the batch script.
import Foundation
import Testing
@testable import Pipeline
@testable import PipelineSlurm

@Suite struct SlurmOptionsTests {
    @Test func optionsComeFromTheExecutorTable() throws {
        let o = try SlurmOptions(workerCommand: ["/bin/repro", "run-task"], table: [
            "type": .string("slurm"), "partition": .string("long"), "account": .string("glass"), "time": .string("24:00:00"),
            "cpus_per_task": .int(4), "sbatch_options": .list([.string("--mem=8G"), .string("--qos=big")]),
            "max_retries": .int(5), "worker": .string("/shared/bin/repro"),
        ])
        #expect(o.partition == "long" && o.account == "glass" && o.timeLimit == "24:00:00")
        #expect(o.cpusPerTask == 4 && o.cpus(forThreads: 16) == 4)
        #expect(o.extraOptions == ["--mem=8G", "--qos=big"])
        #expect(o.maxRetries == 5)
        #expect(o.workerCommand == ["/shared/bin/repro", "run-task"])
        let capped = try SlurmOptions(workerCommand: [], table: ["max_cpus_per_task": .int(8), "time": .int(90)])
        #expect(capped.cpus(forThreads: 16) == 8 && capped.cpus(forThreads: 2) == 2)
        #expect(capped.timeLimit == "90")
    }

    @Test func badOptionsAreNamed() {
        #expect(throws: SlurmError.self) { try SlurmOptions(workerCommand: [], table: ["partiton": .string("x")]) }
        do {
            _ = try SlurmOptions(workerCommand: [], table: ["partiton": .string("x"), "max_retries": .int(-1)])
            Issue.record("expected an error")
        } catch {
            let text = String(describing: error)
            #expect(text.contains("executor.partiton: unknown key"))
            #expect(text.contains("executor.max_retries: expected an int ≥ 0"))
        }
    }

    @Test func theExecutorIsChosenByFlagThenEnvironmentThenManifest() throws {
        let table: [String: ParameterValue] = ["type": .string("slurm")]
        #expect(try ExecutorChoice().resolvedName(table: [:], environment: [:]) == "local")
        #expect(try ExecutorChoice().resolvedName(table: table, environment: [:]) == "slurm")
        #expect(try ExecutorChoice().resolvedName(table: [:], environment: ["REPRO_EXECUTOR": "slurm"]) == "slurm")
        #expect(try ExecutorChoice(name: "local").resolvedName(table: table, environment: ["REPRO_EXECUTOR": "slurm"]) == "local")
        #expect(throws: SlurmError.self) { try ExecutorChoice(name: "pbs").resolvedName(table: [:], environment: [:]) }
    }

    @Test func theWorkerCommandNamesProfileManifestAndCache() throws {
        let registry = toyRegistry(Counter())
        let m = try Manifest.parse(text: "[base]\nseed = 1\n[stage.one]\nkind = \"number\"\n[executor]\npartition = \"p\"\n[profiles.smoke]\n",
                                   file: "t.toml", profile: "smoke", registry: registry)
        let e = try ExecutorChoice(name: "slurm", overrides: ["account": .string("a")])
            .make(manifest: m, manifestURL: URL(fileURLWithPath: "/r/m.toml"), cacheURL: URL(fileURLWithPath: "/r/.cache"), worker: "/bin/repro", environment: [:])
        let slurm = try #require(e as? SlurmExecutor)
        #expect(slurm.options.workerCommand == ["/bin/repro", "run-task", "--profile", "smoke", "--manifest", "/r/m.toml", "--cache", "/r/.cache"])
        #expect(slurm.options.partition == "p" && slurm.options.account == "a")
        #expect(try ExecutorChoice().make(manifest: m, manifestURL: URL(fileURLWithPath: "/m"), cacheURL: URL(fileURLWithPath: "/c"), environment: [:]) is LocalExecutor)
    }

    @Test func queueAndAccountingOutputIsParsed() {
        let s = SlurmCommands.parseStates("12_0|RUNNING\n12_[1-3,7%2]|PENDING\n13_0|CANCELLED by 0|0:15\n\n")
        #expect(s.keys.sorted() == ["12_0", "12_1", "12_2", "12_3", "12_7", "13_0"])
        #expect(s["12_2"]?.state == "PENDING")
        #expect(s["13_0"]?.state == "CANCELLED" && s["13_0"]?.exit == "0:15")
        #expect(SlurmCommands.expand("9") == ["9"])
    }

    @Test func finishedElementsAreClassified() {
        typealias F = SlurmFollower
        #expect(F.ending(exit: 75, accounting: nil) == .interrupted("checkpointed and stopped (exit 75)"))
        #expect(F.ending(exit: 1, accounting: ("COMPLETED", "0:0")) == .failed("worker exit status 1"))
        #expect(F.ending(exit: nil, accounting: ("TIMEOUT", "0:0")) == .interrupted("Slurm state TIMEOUT"))
        #expect(F.ending(exit: nil, accounting: ("OUT_OF_MEMORY", "0:125")) == .failed("Slurm state OUT_OF_MEMORY, exit code 0:125"))
        #expect(F.ending(exit: nil, accounting: ("RUNNING", "0:0")) == .unknown)
        #expect(F.ending(exit: nil, accounting: nil) == .unknown)
    }

    @Test func theBatchScriptPicksItsKeyByArrayIndex() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let keys = dir.appendingPathComponent("a b.keys")
        try "k0\nk1\nk2\n".write(to: keys, atomically: true, encoding: .utf8)
        let script = dir.appendingPathComponent("job.sh")
        try SlurmBatchScript.text(keys: keys, exits: dir, worker: ["/bin/echo", "it's"]).write(to: script, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [script.path]
        p.environment = ["SLURM_ARRAY_JOB_ID": "5", "SLURM_ARRAY_TASK_ID": "1", "PATH": "/usr/bin:/bin"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(text.hasSuffix("it's --key k1\n"))
        SlurmBatchScript.recordExit(75, environment: ["REPRO_SLURM_EXIT_FILE": dir.appendingPathComponent("5_1").path])
        #expect(try String(contentsOf: dir.appendingPathComponent("5_1"), encoding: .utf8) == "75\n")
    }
}
