// Issue 14, items 8, 9 and 12: fan-out limits, load-time checks of values that used to fail only
// after the compute was spent, and names that become paths. Each test reproduces one finding.
import Foundation
import Testing
@testable import Pipeline

@Suite struct ManifestHardeningTests {
    let registry = toyRegistry(Counter())

    func errors(_ toml: String, profile: String? = nil, registry r: StageRegistry? = nil) -> [ManifestError] {
        manifestErrors(toml, profile: profile, registry: r ?? registry)
    }

    // MARK: item 8: fan-out

    @Test func aBillionReplicasAreRefusedAtTheLineOfTheCount() {
        let e = errors("""
        [base]
        count = 3
        [profiles.huge]
        count = 1000000000
        [stage.a]
        kind = "number"
        replicas = "count"
        """, profile: "huge")
        #expect(e.count == 1)
        #expect(e.first?.field == "profiles.huge.count")
        #expect(e.first?.line == 4)
        #expect(e.first?.message.contains("1000000000 tasks") == true)
        #expect(e.first?.message.contains("limit is \(TaskGraph.maxTasksPerStage) tasks per stage") == true)
    }

    @Test func anIntegerReplicaCountIsLimitedToo() {
        let e = errors("[stage.a]\nkind = \"number\"\nreplicas = 20000\n")
        #expect(e.map(\.field) == ["stage.a.replicas"])
        #expect(e.first?.line == 3)
    }

    @Test func theLimitItselfIsAllowedAndBuildsQuickly() throws {
        let m = try Manifest.parse(text: "[stage.a]\nkind = \"number\"\nreplicas = \(TaskGraph.maxTasksPerStage)\n",
                                   file: "m", profile: nil, registry: registry)
        #expect(TaskGraph(manifest: m, registry: registry).tasks.count == TaskGraph.maxTasksPerStage)
    }

    @Test func theWholeGraphIsLimited() {
        let stages = (0..<12).map { "[stage.s\($0)]\nkind = \"number\"\nreplicas = 9000\n" }.joined()
        let e = errors(stages)
        #expect(e.count == 1)
        #expect(e.first?.message.contains("108000 tasks in total") == true)
        #expect(e.first?.message.contains("\(TaskGraph.maxTasks)") == true)
    }

    @Test func gatheringEveryUpstreamTaskIntoEveryTaskIsLimited() {
        let e = errors("""
        [stage.a]
        kind = "number"
        replicas = 5000
        [stage.s]
        kind = "sum"
        replicas = 5000
        inputs = { terms = "a[*]" }
        """)
        #expect(e.count == 1)
        #expect(e.first?.field == "stage.s.inputs.terms")
        #expect(e.first?.line == 7)
        #expect(e.first?.message.contains("25000000 input references") == true)
    }

    // MARK: item 9: values that fail only after the compute

    @Test func infiniteAndNaNNumbersAreRejected() {
        let e = errors("""
        [base]
        temperature = inf
        [stage.a]
        kind = "number"
        x = nan
        values = [1.0, -inf]
        """)
        let byField = Dictionary(uniqueKeysWithValues: e.map { ($0.field, $0) })
        #expect(byField["base.temperature"]?.line == 2)
        #expect(byField["base.temperature"]?.message.contains("finite") == true)
        #expect(byField["stage.a.x"]?.line == 5)
        #expect(byField["stage.a.values"]?.message.contains("element 1") == true)
    }

    var keyed: StageRegistry {
        var r = registry
        r.valueKeys = ValueKeySet(patterns: ["pearson.{theta|rho}.peak_ell{|.sem}", "drop", "count"])
        return r
    }

    @Test func valueKeyPatternsExpandAlternatives() {
        let k = ValueKeySet(patterns: ["{|beta.}a.{x|y}{|.sem}", "b"])
        #expect(k.keys == ["a.x", "a.x.sem", "a.y", "a.y.sem", "beta.a.x", "beta.a.x.sem", "beta.a.y", "beta.a.y.sem", "b"].sorted())
        #expect(k.contains("beta.a.y.sem") && !k.contains("a.z"))
        #expect(k.suggestion(for: "beta.a.z") == "beta.a.x")
        #expect(k.suggestion(for: "completely.different.thing") == nil)
    }

    @Test func anExpectationOnAValueNobodyProvidesIsALoadError() {
        let e = errors("""
        [stage.a]
        kind = "number"

        [[expectation]]
        name = "peak"
        quantity = "pearson.theta.peak_el"
        expected = 2
        """, registry: keyed)
        #expect(e.count == 1)
        #expect(e.first?.field == "expectation[0].quantity")
        #expect(e.first?.line == 6)
        #expect(e.first?.message.contains("did you mean 'pearson.theta.peak_ell'?") == true)
    }

    @Test func aSemToleranceNeedsAProvidedStandardError() {
        let e = errors("""
        [stage.a]
        kind = "number"
        [[expectation]]
        name = "ok"
        quantity = "pearson.rho.peak_ell"
        expected = 2
        tolerance = 2
        tolerance_mode = "sem"
        [[expectation]]
        name = "no-sem"
        quantity = "drop"
        expected = 2
        tolerance = 2
        tolerance_mode = "sem"
        """, registry: keyed)
        #expect(e.count == 1)
        #expect(e.first?.field == "expectation[1].tolerance_mode")
        #expect(e.first?.line == 14)
        #expect(e.first?.message.contains("drop.sem") == true)
    }

    @Test func expectationsOfOtherProfilesAreCheckedToo() {
        let e = errors("""
        [profiles.a]
        [profiles.b]
        [stage.a]
        kind = "number"
        [[expectation]]
        name = "x"
        quantity = "cuont"
        profiles = ["b"]
        min = 0
        """, profile: "a", registry: keyed)
        #expect(e.map(\.field) == ["expectation[0].quantity"])
        #expect(e.first?.message.contains("did you mean 'count'?") == true)
    }

    @Test func unknownExecutorKeysAreLoadErrors() {
        let e = errors("""
        [executor]
        partiton = "long"
        type = "slrum"
        cpus_per_task = 0
        [profiles.p.executor]
        tme = "1:00:00"
        [stage.a]
        kind = "number"
        """, profile: "p")
        let byField = Dictionary(uniqueKeysWithValues: e.map { ($0.field, $0) })
        #expect(byField.count == 4)
        #expect(byField["executor.partiton"]?.line == 2)
        #expect(byField["executor.partiton"]?.message.contains("unknown key; allowed: type, partition") == true)
        #expect(byField["executor.type"]?.message.contains("allowed: local, slurm") == true)
        #expect(byField["executor.cpus_per_task"]?.line == 4)
        #expect(byField["profiles.p.executor.tme"]?.line == 6)
    }

    @Test func aValidExecutorTableLoads() throws {
        let m = try Manifest.parse(text: """
        [executor]
        type = "slurm"
        partition = "long"
        sbatch_options = ["--mem=8G"]
        [stage.a]
        kind = "number"
        """, file: "m", profile: nil, registry: registry)
        #expect(m.executor["partition"]?.stringValue == "long")
    }

    @Test func graphChecksSeeInputsAndAreLocatedWhereTheFieldWasSet() {
        var r = registry
        r.graphChecks.append { stages in
            stages.compactMap { s in
                guard let up = s.inputs["terms"].flatMap({ ref in stages.first { $0.name == ref.stage } }),
                      s.parameters.double("scale") > up.parameters.double("x") else { return nil }
                return ManifestIssue(stage: s.name, field: "scale", "must not exceed the x of its input '\(up.name)'")
            }
        }
        let e = errors("""
        [profiles.p.stage.s]
        scale = 5.0
        [stage.a]
        kind = "number"
        x = 1
        [stage.s]
        kind = "sum"
        inputs = { terms = "a" }
        """, profile: "p", registry: r)
        #expect(e.map(\.description) == ["m.toml:2: profiles.p.stage.s.scale: must not exceed the x of its input 'a'"])
    }

    // MARK: item 12: names that become paths

    @Test func profileNamesAreCheckedBeforeAnyUse() {
        let e = errors("""
        [profiles."../../x"]
        [stage.a]
        kind = "number"
        """, profile: "../../x")
        #expect(e.contains { $0.field == "profile" && $0.message.contains("[A-Za-z0-9_-]+") })
        #expect(e.contains { $0.field == "profiles.../../x" && $0.line == 1 })
        #expect(Manifest.isValidName("smoke-2_b"))
        #expect(!Manifest.isValidName("../x") && !Manifest.isValidName("") && !Manifest.isValidName("a b") && !Manifest.isValidName("é"))
    }

    @Test func stageNamesAreSafeFileNames() {
        let e = errors("""
        [stage."../../evil"]
        kind = "number"
        [stage."a[1]"]
        kind = "number"
        """)
        #expect(e.contains { $0.field == "stage.../../evil" && $0.line == 1 && $0.message.contains("[A-Za-z0-9_-]+") })
        #expect(e.contains { $0.field == "stage.a[1]" })
    }

    @Test func aStageMayOnlyNameDeclaredProfiles() {
        let e = errors("""
        [profiles.smoke]
        [stage.a]
        kind = "number"
        profiles = ["smoke", "../x"]
        """, profile: "smoke")
        #expect(e.map(\.field) == ["stage.a.profiles"])
        #expect(e.first?.line == 4)
        #expect(e.first?.message.contains("unknown profile '../x'") == true)
    }
}
