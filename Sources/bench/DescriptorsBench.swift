func benchDescriptors() throws {}
