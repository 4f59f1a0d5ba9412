func benchMonteCarlo() throws {}
