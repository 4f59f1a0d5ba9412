func benchFigures() throws {}
