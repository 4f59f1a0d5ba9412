import Pipeline
import Report
import Testing
@testable import Reproduction

/// The run's cost counts core-seconds as recorded per entry, not the driver's cores.
@Suite struct CostTests {
    @Test func ratesComeFromCoreSeconds() throws {
        var v = ValueStore()
        // 500 s of propensity tasks on 2 threads each: 1000 core-seconds → 8×10⁶ trials per core-second.
        try RunCost(totalSeconds: 600, propensitySeconds: 500, propensityCoreSeconds: 1000, propensityTrials: 8e9).keyed(into: &v)
        #expect(v["cost.task_minutes"] == .number(10))
        #expect(v["cost.trials_per_core_second"] == .number(8e6))
        // The paper's 10 × 30 × 4×10⁶ sweeps × 4000 = 4.8×10¹² trials at that rate: 166.7 core-hours.
        let hours = v["cost.paper_propensity_core_hours"]?.doubleValue ?? 0
        #expect(abs(hours - 4.8e12 / 8e6 / 3600) < 1e-9)
    }

    @Test func noPropensityTimeMeansNoRate() throws {
        var v = ValueStore()
        try RunCost(totalSeconds: 60, propensitySeconds: 0, propensityCoreSeconds: 0, propensityTrials: 8e9).keyed(into: &v)
        #expect(v["cost.trials_per_core_second"] == nil && v["cost.task_minutes"] == .number(1))
    }
}
