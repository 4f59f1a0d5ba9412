import Descriptors
import Dynamics
import InformationImbalance
import MonteCarlo
import Pipeline
import Regression
import Testing
@testable import Reproduction

/// Issue 26 §1: every default of a stage kind is the science type's own, and its limits are the
/// science's. Each kind's schema defaults are built into the science object they configure and
/// compared with that object built from the science's defaults alone.
@Suite struct StageDefaultsTests {
    /// A kind's schema defaults, plus the required fields given.
    static func defaults(_ kind: StudyKind, _ required: [String: ParameterValue] = [:]) -> Parameters {
        var p = Parameters(required)
        for f in kind.kind.fields { if let v = f.defaultValue, p[f.name] == nil { p[f.name] = v } }
        return p
    }

    /// The science objects of each kind, from the schema's defaults and from the science's.
    static let comparisons: [String: @Sendable () throws -> Void] = [
        "equilibrate": {
            let p = defaults(SimulationStages.equilibrate, ["temperature": .double(0.5)])
            let science = try PreparationProtocol(n: p.int("n"), temperature: 0.5, windowSweeps: p.int("equilibration_window"),
                                                  maxSwapSweeps: p.int("max_swap_sweeps"), checkSweeps: p.int("check_sweeps"))
            #expect(try SimulationStages.Equilibrate(p).preparation == science)
        },
        "relaxation": {
            let run = try SimulationStages.Relaxation(defaults(SimulationStages.relaxation, ["temperature": .double(0.5), "max_lag": .int(100)])).run
            let science = try RelaxationRun(temperature: 0.5, maxLag: 100)
            #expect(run.origins == science.origins && run.lagsPerDecade == science.lagsPerDecade)
            #expect(run.originSpacing == science.originSpacing && run.maxDisplacement == science.maxDisplacement)
        },
        "propensity": {
            let p = SimulationStages.Propensity(defaults(SimulationStages.propensity, ["temperature": .double(0.5)]))
            let science = try MonteCarloParameters(temperature: 0.5)
            #expect(p.maxDisplacement == science.maxDisplacement)
            #expect(p.tauAlpha == nil)  // 0: measured by the relaxation input
        },
        "descriptors": {
            let d = try DescriptorsStage.calculator(defaults(DescriptorsStage.kind)), science = try StructuralDescriptors()
            #expect(d.ells == science.ells && d.coarseGrainingRadius == science.coarseGrainingRadius)
        },
        "pearson_ell_scan": {
            let d = try DescriptorsStage.calculator(defaults(EllScanStages.scanKind))
            let science = try StructuralDescriptors()
            #expect(d.coarseGrainingRadius == science.coarseGrainingRadius)
        },
        "imbalance": {
            #expect(ImbalanceStage.Settings(defaults(ImbalanceStage.kind)).maxD == GreedySelection.paperMaxD)
        },
        "regression": {
            let s = RegressionStage.Settings(defaults(RegressionStage.kind))
            #expect(s.maxD == ImbalanceStage.Settings(defaults(ImbalanceStage.kind)).maxD)
            #expect(s.randomRealisations == LeaveOneConfigurationOut.paperRandomRealisations)
        },
        // No science type: the report's own values and figures.
        "summary": { #expect(SummaryStage.kind.kind.fields.isEmpty) },
        "figures": { #expect(FiguresStage.kind.kind.fields.map(\.name) == ["map_configuration"]) },
    ]

    @Test func everyKindIsCompared() {
        #expect(Set(Self.comparisons.keys) == Set(PaperStages.kinds.map(\.name)))
    }

    @Test(arguments: PaperStages.kinds.map(\.name))
    func schemaDefaultsAreTheSciencesDefaults(kind: String) throws {
        let compare = try #require(Self.comparisons[kind])
        try compare()
    }

    @Test(arguments: PaperStages.kinds.map(\.name))
    func everyDefaultPassesItsOwnSchema(kind: String) throws {
        let k = try #require(PaperStages.kinds.first { $0.name == kind })
        for f in k.kind.fields { if let v = f.defaultValue { #expect(throws: Never.self) { try f.check(v) } } }
    }

    /// The limits the issue found disagreeing: each schema bound is the science's, so the largest
    /// value the manifest accepts the science accepts, and one beyond it both refuse.
    @Test func limitsAreTheSciences() throws {
        let fraction = SimulationStages.swapFraction, top = try #require(fraction.maximum)
        _ = try fraction.check(.double(top))
        _ = try MonteCarloParameters(temperature: 1, swapFraction: top)
        #expect(throws: FieldIssue.self) { try fraction.check(.double(top + 0.5)) }
        #expect(throws: MonteCarloError.self) { try MonteCarloParameters(temperature: 1, swapFraction: top + 0.5) }
        let origins = SimulationStages.Relaxation.origins, most = Int(try #require(origins.maximum))
        _ = try RelaxationRun(temperature: 1, maxLag: 1, origins: most)
        #expect(throws: FieldIssue.self) { try origins.check(.int(most + 1)) }
        #expect(throws: DynamicsError.self) { try RelaxationRun(temperature: 1, maxLag: 1, origins: most + 1) }
    }

    /// R_N is in length units in the schema as in `StructuralDescriptors`: 20 σ_LS of the paper's
    /// mixture, whose σ_LS is 1, so the number 20 is the radius the descriptors use.
    @Test func theRadiusIsTheOneTheDescriptorsUse() {
        #expect(DescriptorsStage.radius.defaultValue == .double(20))
        #expect(DescriptorsStage.radius.help.contains("length units"))
    }

    /// Each kind carries its cost model and code modules: no table keyed by kind name.
    @Test func kindsCarryTheirCostAndModules() {
        for k in PaperStages.kinds {
            #expect(!k.modules.isEmpty, "\(k.name)")
            #expect(k.kind.codeFingerprint == StudyKind.fingerprint(k.modules))
        }
        let p = Self.defaults(SimulationStages.equilibrate, ["temperature": .double(0.5)])
        #expect(SimulationStages.equilibrate.kind.cost(p, [:]) == TaskCosts.equilibrate(p, [:]).trials)
    }
}
