#!/usr/bin/env Rscript
# spdep_small_cases.R -- small reference values (R 4.2 + spdep 1.2-7, Debian bookworm) for Kantong's
# spatial statistics tests, on cases the shared fixtures do not cover: islands (the n' rule), p.adjust with
# ties and NA, global EB rates (EBest) and the EB Moran index (EBImoran.mc), knn ties on a grid.
#
# Usage (from the repository root):
#   apt-get install -y r-cran-spdep r-cran-sf r-cran-jsonlite
#   Rscript scripts/oracle/spdep_small_cases.R ../shared/fixtures/spatial-stats/columbus.geojson \
#       tests/fixtures/stats/spdep_small_cases.json
# The JSON carries its own inputs (values and neighbour lists), so the tests need no geometry.

suppressPackageStartupMessages({
  library(sf)
  library(spdep)
  library(jsonlite)
})
argv <- commandArgs(trailingOnly = TRUE)
if (length(argv) != 2L) stop("usage: Rscript spdep_small_cases.R columbus.geojson OUT.json")
num <- function(x) { x <- as.double(x); x[!is.finite(x)] <- NA; x }
# I() keeps one-neighbour lists as JSON arrays under auto_unbox
nb0 <- function(nb) lapply(seq_along(nb), function(i) I(if (card(nb)[i] == 0L) integer(0) else as.integer(nb[[i]]) - 1L))

# ------------------------------------------------------------ p.adjust (ties, NA, boundaries)
p_cases <- list(
  c(0.01, 0.02, 0.02, 0.04, NA, 0.5, 0.0001, 1, 0.03, 0.03, NA, 0.2),
  c(0.001, 0.001, 0.001, 0.9, 0.9),
  c(0.3, NA),
  c(0.05, 0.04, 0.03, 0.02, 0.01, 0.2, 0.3, 0.6, 0.8, 0.99)
)
p_adjust <- lapply(p_cases, function(p) list(p = num(p), BH = num(p.adjust(p, "BH")),
                                             bonferroni = num(p.adjust(p, "bonferroni"))))

# ------------------------------------------------------------ global EB rates
eb_cases <- list(
  list(cases = c(0, 2, 30, 2, 10, 3, 1), population = c(10, 20, 50, 8, 100, 30, 400)),
  # homogeneous: s^2 < b / mean(population), a is clamped to 0 and every rate shrinks to b
  list(cases = c(10, 11, 9, 10), population = c(100, 100, 100, 100))
)
eb <- lapply(eb_cases, function(cs) {
  e <- EBest(cs$cases, cs$population)
  list(cases = cs$cases, population = cs$population, raw = num(e$raw), estmm = num(e$estmm),
       a = attr(e, "parameters")$a, b = attr(e, "parameters")$b)
})

# ------------------------------------------------------------ Columbus with two islands
d <- st_read(argv[[1]], quiet = TRUE)
suppressWarnings(st_crs(d) <- NA)
x <- d$CRIME
nb <- poly2nb(d, queen = TRUE)
for (isl in c(5L, 20L)) {
  for (j in nb[[isl]]) nb[[j]] <- setdiff(nb[[j]], isl)
  nb[[isl]] <- 0L
}
for (i in seq_along(nb)) if (length(nb[[i]]) == 0L) nb[[i]] <- 0L
nb <- structure(lapply(nb, function(v) if (length(v) == 0L) 0L else as.integer(sort(v))), class = "nb",
                region.id = attr(nb, "region.id"))
lw <- nb2listw(nb, style = "W", zero.policy = TRUE)
wc <- spweights.constants(lw, zero.policy = TRUE, adjust.n = TRUE)
mt <- moran.test(x, lw, randomisation = TRUE, zero.policy = TRUE)
mtn <- moran.test(x, lw, randomisation = FALSE, zero.policy = TRUE)
gt <- geary.test(x, lw, randomisation = TRUE, zero.policy = TRUE)
gtn <- geary.test(x, lw, randomisation = FALSE, zero.policy = TRUE)
lm <- localmoran(x, lw, zero.policy = TRUE, conditional = TRUE, mlvar = TRUE, alternative = "two.sided")
gs <- as.numeric(localG(x, nb2listw(include.self(nb), style = "W", zero.policy = TRUE), zero.policy = TRUE))
gp <- as.numeric(localG(x, lw, zero.policy = TRUE))
islands <- list(
  x = num(x), neighbours = nb0(nb),
  n_effective = wc$n, S0 = wc$S0, S1 = wc$S1, S2 = wc$S2,
  moran = list(I = unname(mt$estimate[1]), expectation = unname(mt$estimate[2]),
               variance = unname(mt$estimate[3]), z = unname(mt$statistic),
               variance_normality = unname(mtn$estimate[3])),
  geary = list(C = unname(gt$estimate[1]), variance = unname(gt$estimate[3]), z = unname(gt$statistic),
               variance_normality = unname(gtn$estimate[3])),
  local = list(Ii = num(lm[, "Ii"]), E.Ii = num(lm[, "E.Ii"]), Var.Ii = num(lm[, "Var.Ii"]),
               Z.Ii = num(lm[, "Z.Ii"]), p = num(lm[, 5]), lag = num(lag.listw(lw, x, zero.policy = TRUE)),
               quadrant_mean = as.character(attr(lm, "quadr")$mean),
               quadrant_pysal = as.character(attr(lm, "quadr")$pysal),
               Gi_star_z = num(gs), Gi_z = num(gp))
)

# ------------------------------------------------------------ EB Moran on Columbus-derived counts
lwq <- nb2listw(poly2nb(d, queen = TRUE), style = "W")
cases <- round(d$CRIME / 2)
population <- round(d$HOVAL) + 20
set.seed(1)
ebi <- suppressMessages(EBImoran.mc(cases, population, lwq, nsim = 999))
eb_moran <- list(cases = cases, population = population, neighbours = nb0(poly2nb(d, queen = TRUE)),
                 I = unname(ebi$statistic), z = num(ebi$z), observed_rank = unname(ebi$parameter),
                 p_greater = ebi$p.value, sim_mean = mean(ebi$res[1:999]), sim_var = var(ebi$res[1:999]))

# ------------------------------------------------------------ knn ties on a 6 x 6 grid of unit cells
cent <- as.matrix(expand.grid(x = 0:5 + 0.5, y = 0:5 + 0.5))
knn_grid <- list(points = lapply(seq_len(nrow(cent)), function(i) unname(cent[i, ])),
                 k4 = nb0(knn2nb(knearneigh(cent, k = 4, use_kd_tree = FALSE))),
                 k6 = nb0(knn2nb(knearneigh(cent, k = 6, use_kd_tree = FALSE))))

out <- list(
  description = "Small spdep 1.2-7 reference values for Kantong's tests (scripts/oracle/spdep_small_cases.R)",
  versions = list(R = R.version.string, spdep = as.character(packageVersion("spdep"))),
  p_adjust = p_adjust, eb_rates = eb, islands = islands, eb_moran = eb_moran, knn_grid = knn_grid
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, na = "null", null = "null"), argv[[2]])
cat("wrote", argv[[2]], "\n")
