func benchInformationImbalance() throws {}
