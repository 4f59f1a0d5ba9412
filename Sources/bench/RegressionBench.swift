func benchRegression() throws {}
