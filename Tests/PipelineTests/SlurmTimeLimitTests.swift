// A Slurm time limit: its syntax in seconds, and a long task that the limit stops several times
// (Slurm's TERM `signal_seconds` before it) resuming from its checkpoint until it finishes, with
// the local executor's results.
import Foundation
import Testing
@testable import Pipeline
@testable import PipelineSlurm

@Suite struct SlurmTimeLimitTests {
    @Test func slurmTimeSyntaxInSeconds() throws {
        #expect(try SlurmTimeLimit.seconds("30") == 30 * 60)                 // MM
        #expect(try SlurmTimeLimit.seconds("30:15") == 30 * 60 + 15)         // MM:SS
        #expect(try SlurmTimeLimit.seconds("24:00:00") == 24 * 3600)         // HH:MM:SS
        #expect(try SlurmTimeLimit.seconds("2-12") == 60 * 3600)             // D-HH
        #expect(try SlurmTimeLimit.seconds("1-00:30") == 24 * 3600 + 1800)   // D-HH:MM
        #expect(try SlurmTimeLimit.seconds("1-00:00:05") == 24 * 3600 + 5)   // D-HH:MM:SS
    }

    @Test(arguments: ["", "1:2:3:4", "a", "1-2-3", "-5", "1-", "12:-1", "1-1:2:3:4"])
    func malformedLimitsNameTheAcceptedForms(_ text: String) {
        #expect(throws: SlurmError.self) { try SlurmTimeLimit.seconds(text) }
        let message = (try? SlurmTimeLimit.seconds(text)).map { "\($0)" } ?? {
            do { _ = try SlurmTimeLimit.seconds(text); return "" } catch { return "\(error)" }
        }()
        #expect(message.contains("executor.time") && message.contains("HH:MM:SS") && message.contains("'\(text)'"))
    }

    @Test func theExecutorTableRefusesAMalformedTime() {
        do {
            _ = try SlurmOptions(workerCommand: [], table: ["time": .string("24h")])
            Issue.record("a time of '24h' was accepted")
        } catch {
            #expect("\(error)".contains("executor.time") && "\(error)".contains("'24h'") && "\(error)".contains("D-HH:MM:SS"))
        }
    }

    @Test func aTaskStoppedAtEachTimeLimitResumesFromItsCheckpointAndFinishes() throws {
        let dir = temporaryDirectory(), localDir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir); try? FileManager.default.removeItem(at: localDir) }
        let counter = Counter()
        // 12 checkpointed steps; the "time limit" of a job falls after its third step (by steps,
        // not wall time, so a loaded machine cannot change how often a task is stopped).
        let tokens = TokenBox()
        let manifest = "[base]\nseed = 5\n[stage.long]\nkind = \"slow\"\nreplicas = 2\nsteps = 12\n"
        let g = try graph(manifest, registry: toyRegistry(counter, slowHook: { step, ctx in
            if step % 3 == 0 { tokens.cancel(ctx.id.description) }
        }))
        let store = try Store(root: dir)
        let slurm = try FakeSlurm { key, _ in
            // What Slurm does at `--time` minus `--signal=B:TERM@s`: TERM, which the worker turns into a checkpoint and exit 75.
            let token = CancellationToken()
            if let id = g.tasks.first(where: { $0.key == key })?.id.description { tokens.set(id, token) }
            return runTaskStatus(key, graph: g, store: store, cancellation: token)
        }
        defer { slurm.shutdown() }
        var options = slurm.options(maxRetries: 0)
        options.timeLimit = "0:01"
        options.signalSeconds = 1
        let s = SlurmExecutor(options: options).run(graph: g, store: store, options: quietOptions())
        #expect(s.succeeded)
        // Each element ran four times: stopped after steps 3, 6 and 9, finished in the fourth job.
        for id in ["long[0]", "long[1]"] { #expect(counter.count(id) == 4) }
        // Every submission asked Slurm for the limit and for the warning before it.
        let args = slurm.sbatchArguments()
        #expect(!args.isEmpty && args.allSatisfy { $0.contains("--time=0:01") && $0.contains("--signal=B:TERM@1") })

        let local = try Store(root: localDir)
        #expect(LocalExecutor().run(graph: try graph(manifest, registry: toyRegistry(Counter())), store: local, options: quietOptions()).succeeded)
        var a: [String: String] = [:], b: [String: String] = [:]
        for t in g.tasks {
            for f in store.metadata(t.key)?.files ?? [] { a["\(t.id)/\(f.name)"] = f.sha256 }
            for f in local.metadata(t.key)?.files ?? [] { b["\(t.id)/\(f.name)"] = f.sha256 }
        }
        #expect(!a.isEmpty && a == b)
    }
}

/// The cancellation token of each task's current job, for a hook that stops it.
private final class TokenBox: @unchecked Sendable {
    private let lock = NSLock()
    private var tokens: [String: CancellationToken] = [:]
    func set(_ id: String, _ token: CancellationToken) { lock.lock(); tokens[id] = token; lock.unlock() }
    func cancel(_ id: String) { lock.lock(); let t = tokens[id]; lock.unlock(); t?.cancel() }
}
