import Testing
@testable import Descriptors

@Suite struct FeatureNameTests {
    @Test func paperOrderAndNames() throws {
        let names = try StructuralDescriptors().featureNames
        #expect(names.count == 60)
        #expect(names[0].name == "rho_bar(l=0.5)")
        #expect(names[9].name == "rho_bar(l=5.0)")
        #expect(names[43].name == "theta_bar(l=2.0)")
        #expect(names[59].name == "z_bar(l=5.0)")
        #expect(Set(names.map(\.name)).count == 60)
        // The authors' column order: blocks rho, phi, u, psi6, theta, z, each l = 0.5 … 5.0.
        let published = ["rho", "phi", "u", "psi6", "theta", "z"].flatMap { stem in
            (1...10).map { "\(stem)(l=\(Double($0) * 0.5))" }
        }
        #expect(names.map(\.publishedName) == published)
        #expect(names[43].label == "Θ̄(ℓ=2.0)")
    }

    @Test func arbitraryEllGrid() throws {
        let d = try StructuralDescriptors(ells: [0.25, 0.75, 3.125])
        #expect(d.featureNames.map(\.name).prefix(4) == ["rho_bar(l=0.25)", "rho_bar(l=0.75)", "rho_bar(l=3.125)", "phi_bar(l=0.25)"])
        #expect(d.featureNames.count == 18)
    }

    @Test func parsingInvertsTheStableName() {
        for f in FeatureName.all(ells: [0.5, 1.0, 2.0, 4.5]) { #expect(FeatureName(parsing: f.name) == f) }
        #expect(FeatureName(parsing: "theta_bar(l=2.0)") == FeatureName(.stericOrder, ell: 2))
    }

    @Test func parsingRefusesWhatIsNotAFeatureName() {
        for bad in ["theta(l=2.0)", "theta_bar(l=)", "theta_bar(l=2.0", "theta_bar(x=2.0)", "theta_bar(l=nan)", "", "(l=1)", "rho_bar(l=1)x"] {
            #expect(FeatureName(parsing: bad) == nil, "\(bad)")
        }
    }
}
