/// The paper's figures (numbering as in arXiv:2408.12705, plus Figs. 11–12 for the report) as
/// functions from plain data structs to a `Figure`; Fig. 10 is `predictionAccuracy` at the β time.
/// Colours and markers of descriptors and methods come from `Palette`, the same in every figure;
/// published data are overlaid grey, dashed, with open markers, labelled "paper (T = 0.30)".
public enum PaperFigures {}
