# Least-squares line through the CSV points (header x,y) on its input; prints the slope,
# intercept, R² and number of points as a flat JSON object (the stage's values).
NR > 1 { n++; sx += $1; sy += $2; sxx += $1 * $1; sxy += $1 * $2; syy += $2 * $2 }
END {
    if (n < 2) { print "fit.awk: fewer than two points" > "/dev/stderr"; exit 1 }
    b = (n * sxy - sx * sy) / (n * sxx - sx * sx)
    a = (sy - b * sx) / n
    r = (n * sxy - sx * sy) / sqrt((n * sxx - sx * sx) * (n * syy - sy * sy))
    printf "{\"slope\": %.10g, \"intercept\": %.10g, \"r2\": %.10g, \"points\": %d}\n", b, a, r * r, n
}
