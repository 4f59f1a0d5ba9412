// The `command` stage kind (issue 26 §4): an argv run without a shell, inputs from upstream tasks
// and repository files (hashed by content into the key), declared outputs and values, cached like
// any task; a bad manifest is refused before anything runs, a failing command names its stderr.
import Foundation
import Testing
@testable import Pipeline
@testable import Report

@Suite struct CommandStageTests {
    /// A study directory with one repository file, and a registry resolving files there.
    struct Study {
        let directory = temporaryDirectory()
        var registry: StageRegistry {
            var r = StageRegistry()
            CommandStage.register(in: &r, directory: directory)
            return r
        }
        init(script: String = "3") throws {
            try script.write(to: directory.appendingPathComponent("factor.txt"), atomically: true, encoding: .utf8)
        }
        func manifest(_ text: String) throws -> Manifest {
            try Manifest.parse(text: text, file: "m.toml", profile: nil, registry: registry)
        }
        func graph(_ text: String) throws -> TaskGraph { TaskGraph(manifest: try manifest(text), registry: registry) }
        func errors(_ text: String) -> [ManifestError] {
            do { _ = try manifest(text); return [] } catch let e as ManifestErrors { return e.errors } catch { return [] }
        }
    }

    /// `make` writes numbers; `scale` multiplies their sum by the factor in a repository file and
    /// writes it as a value. sh appears only because the test writes `sh -c`.
    static let pipeline = """
    [stage.make]
    kind = "command"
    replicas = 2
    argv = ["sh", "-c", "echo 2 > \\"$2\\"/n.txt; echo $1 > \\"$2\\"/seed.txt", "sh", "{seed}", "{output}"]
    outputs = ["n.txt", "seed.txt"]
    [stage.scale]
    kind = "command"
    inputs = { parts = "make[*]" }
    files = { factor = "factor.txt" }
    argv = ["sh", "-c", "f=$(cat \\"$1\\"); shift; s=0; for d in \\"$@\\"; do s=$((s + $(cat \\"$d\\"/n.txt))); done; printf '{{\\"total\\": %d, \\"parts\\": %d, \\"ok\\": true}}' $((s * f)) $#", "sh", "{file.factor}", "{input.parts}"]
    stdout = "values.json"
    values = ["total", "parts", "ok"]
    """

    @Test func runsCachesAndQuotesItsValues() throws {
        let s = try Study()
        let g = try s.graph(Self.pipeline)
        let store = try Store(root: s.directory.appendingPathComponent("cache"))
        let first = LocalExecutor().run(graph: g, store: store, options: quietOptions())
        #expect(first.failed.isEmpty && first.ran.count == 3, "\(first)")
        let values = try StageValues.collect(graph: g, store: store)
        for t in g.tasks(ofStage: "make") {
            let seed = try String(contentsOf: store.filesDirectory(t.key).appendingPathComponent("seed.txt"), encoding: .utf8)
            #expect(seed == "\(t.seed)\n")
        }
        // The gathered input became one argument per upstream task: (2 + 2) × 3.
        #expect(values["scale.total"] == .integer(12) && values["scale.parts"] == .integer(2) && values["scale.ok"] == .text("true"))
        let second = LocalExecutor().run(graph: g, store: store, options: quietOptions())
        #expect(second.ran.isEmpty && second.cached.count == 3)
        // The declared keys are known before anything runs (expectations and report are checked).
        #expect(try s.manifest(Self.pipeline).valueKeys?.keys == ["scale.ok", "scale.parts", "scale.total"])
    }

    @Test func aRepositoryFileIsPartOfTheKeyByContent() throws {
        let s = try Study(script: "3")
        let before = try s.graph(Self.pipeline).tasks(ofStage: "scale")[0]
        #expect(before.parameters[TaskGraph.fileDigestsField]?.tableValue?["factor"]?.stringValue?.count == 64)
        try "3".write(to: s.directory.appendingPathComponent("factor.txt"), atomically: true, encoding: .utf8)
        #expect(try s.graph(Self.pipeline).tasks(ofStage: "scale")[0].key == before.key)  // rewritten, same bytes
        try "4".write(to: s.directory.appendingPathComponent("factor.txt"), atomically: true, encoding: .utf8)
        let after = try s.graph(Self.pipeline)
        #expect(after.tasks(ofStage: "scale")[0].key != before.key)
        #expect(after.tasks(ofStage: "make")[0].key == (try Study().graph(Self.pipeline)).tasks(ofStage: "make")[0].key)
    }

    @Test func aFileChangedAfterPlanningFailsTheTask() throws {
        let s = try Study()
        let g = try s.graph(Self.pipeline)
        try "5".write(to: s.directory.appendingPathComponent("factor.txt"), atomically: true, encoding: .utf8)
        let run = LocalExecutor().run(graph: g, store: try Store(root: s.directory.appendingPathComponent("cache")), options: quietOptions())
        let failure = try #require(run.failed.first)
        #expect(failure.id.stage == "scale" && failure.message.contains("factor.txt changed after the run was planned"))
    }

    @Test func aNonZeroExitFailsWithTheTailOfStderr() throws {
        let s = try Study()
        let g = try s.graph("""
        [stage.bad]
        kind = "command"
        argv = ["sh", "-c", "for i in $(seq 1 40); do echo line $i >&2; done; exit 3"]
        outputs = ["x.txt"]
        """)
        let run = LocalExecutor().run(graph: g, store: try Store(root: s.directory.appendingPathComponent("cache")), options: quietOptions())
        let m = try #require(run.failed.first).message
        #expect(m.contains("exited with status 3") && m.contains("line 40") && m.contains("line 21") && !m.contains("line 19\n"), "\(m)")
    }

    @Test func aMissingOutputOrUndeclaredValueFailsTheTask() throws {
        let s = try Study()
        let store = try Store(root: s.directory.appendingPathComponent("cache"))
        let missing = LocalExecutor().run(graph: try s.graph("""
        [stage.lazy]
        kind = "command"
        argv = ["true"]
        outputs = ["a.txt", "b/c.txt"]
        """), store: store, options: quietOptions())
        #expect(try #require(missing.failed.first).message.contains("did not write its declared output(s) a.txt, b/c.txt"))
        let chatty = try s.graph("""
        [stage.chatty]
        kind = "command"
        argv = ["sh", "-c", "echo '{{\\"a\\": 1, \\"b\\": 2}}' > \\"$1\\"", "sh", "{values}"]
        values = ["a", "c"]
        """)
        let extra = LocalExecutor().run(graph: chatty, store: store, options: quietOptions())
        let m = try #require(extra.failed.first).message
        #expect(m.contains("declared key(s) missing: c") && m.contains("undeclared key(s): b"), "\(m)")
        #expect(store.metadata(chatty.tasks[0].key) == nil)  // nothing half-written is cached
    }

    @Test func aBadManifestIsRefusedBeforeAnythingRuns() throws {
        let s = try Study()
        func messages(_ stage: String) -> [String] {
            s.errors("[stage.c]\nkind = \"command\"\n" + stage + "\n[stage.up]\nkind = \"command\"\nargv = [\"true\"]\noutputs = [\"o\"]\n")
                .map { "\($0.field): \($0.message)" }
        }
        #expect(messages("argv = []\noutputs = [\"o\"]").contains { $0.hasPrefix("stage.c.argv: expected a non-empty list") })
        #expect(messages("argv = [\"true\"]").contains { $0.hasPrefix("stage.c.outputs: declare what the command writes") })
        #expect(messages("argv = [\"cat\", \"{inptu.x}\"]\noutputs = [\"o\"]").contains { $0.contains("unknown placeholder {inptu.x}") })
        #expect(messages("argv = [\"cat\", \"{file.x}\"]\noutputs = [\"o\"]").contains { $0.contains("{file.x} names no file") })
        #expect(messages("argv = [\"cat\", \"{input.x}\"]\noutputs = [\"o\"]\ninputs = { y = \"up\" }").contains { $0.contains("{input.x} names no input; inputs: y") })
        #expect(messages("argv = [\"true\"]\noutputs = [\"../o\"]").contains { $0.contains("'../o': expected a relative path") })
        #expect(messages("argv = [\"true\"]\noutputs = [\"o\"]\nfiles = { s = \"nope.py\" }").contains { $0.contains("s = 'nope.py': no such file") })
        #expect(messages("argv = [\"true\"]\noutputs = [\"o\"]\nfiles = { s = \"/etc/passwd\" }").contains { $0.contains("expected a relative path") })
        #expect(messages("argv = [\"no-such-program-xyz\"]\noutputs = [\"o\"]").contains { $0.contains("'no-such-program-xyz' not found on PATH") })
        #expect(messages("argv = [\"true\"]\nvalues = [\"v\"]\nreplicas = 2").contains { $0.contains("values need a stage of one task") })
        #expect(messages("argv = [\"true\", \"{values}\"]\noutputs = [\"o\"]").contains { $0.contains("{values} needs the keys") })
        #expect(messages("argv = [\"true\"]\noutputs = [\"o\"]\nstdout = \"p\"").contains { $0.contains("'p' is not a declared output") })
        let badInput = messages("argv = [\"true\"]\noutputs = [\"o\"]\ninputs = { \"a b\" = \"up\" }")
        #expect(badInput.contains { $0.contains("an input name is [A-Za-z0-9_-]+") }, "\(badInput)")
        // Literal braces are written twice; a lone one is refused.
        #expect(messages("argv = [\"awk\", \"{{ print }}\"]\noutputs = [\"o\"]").isEmpty)
        #expect(messages("argv = [\"awk\", \"{ print }\"]\noutputs = [\"o\"]").contains { $0.contains("unknown placeholder { print }") })
    }

    @Test func anExpectationOnAnUndeclaredValueIsRefused() throws {
        let s = try Study()
        let e = s.errors(Self.pipeline + "\n[[expectation]]\nname = \"t\"\nquantity = \"scale.totl\"\nmin = 0\n")
        #expect(e.contains { $0.field == "expectation[0].quantity" && $0.message.contains("did you mean 'scale.total'?") })
    }

    @Test func placeholdersExpandWithoutAShell() throws {
        let out = URL(fileURLWithPath: "/c/out"), a = URL(fileURLWithPath: "/c/a"), b = URL(fileURLWithPath: "/c/b")
        let expand = { (e: String) in try CommandArguments.expand(e, output: out, seed: 9, files: ["s": URL(fileURLWithPath: "/r/s.py")],
                                                                   inputs: ["one": [a], "many": [a, b]]) }
        #expect(try expand("--out={output}/x;rm -rf /") == ["--out=/c/out/x;rm -rf /"])
        #expect(try expand("{input.many}/p.csv") == ["/c/a/p.csv", "/c/b/p.csv"])
        #expect(try expand("{file.s}:{seed}:{input.one}:{{x}}") == ["/r/s.py:9:/c/a:{x}"])
        #expect(try expand("{values}") == ["/c/out/values.json"])
    }
}
