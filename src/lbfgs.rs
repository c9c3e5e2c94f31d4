//! Limited-memory BFGS over one flat `f64` vector, every step in place.
//!
//! Written by hand instead of using argmin's `LBFGS` (which this crate used before, and which
//! `linfa-logistic` uses): argmin's vector operations each allocate a fresh vector and run on one
//! thread. With 2 M parameters that was a sixth of the training time, and the copies it keeps
//! (parameters, gradients, the best point, line-search state) were a third of the peak memory.
//! This is the textbook algorithm (Nocedal & Wright, *Numerical Optimization*, algorithms 7.4
//! and 3.1: two-loop recursion, backtracking line search with the Armijo condition and
//! quadratic interpolation) for smooth convex objectives, with the same stopping rules as
//! argmin's: gradient norm below `tol_grad`, or a change in cost below `tol_cost`.
//!
//! Vector operations work on fixed chunks in parallel and sum partial results in chunk order,
//! so the result does not depend on the number of threads.

use rayon::prelude::*;

/// Elements per parallel chunk (fixed: it sets the summation order, not the thread count).
const CHUNK: usize = 1 << 14;

/// Settings of [`minimize`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lbfgs {
    /// Number of (step, gradient change) pairs kept.
    pub memory: usize,
    /// Maximum iterations.
    pub max_iter: u64,
    /// Stop when ‖gradient‖₂ falls below this.
    pub tol_grad: f64,
    /// Stop when the cost changes by less than this in one iteration.
    pub tol_cost: f64,
}

/// Why [`minimize`] stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The gradient norm fell below the tolerance.
    Gradient,
    /// The cost stopped changing.
    Cost,
    /// The line search found no decrease (the point is optimal to machine precision).
    LineSearch,
    /// `max_iter` reached.
    MaxIter,
}

/// Result of [`minimize`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    /// Iterations done.
    pub iterations: u64,
    /// Cost at the returned point.
    pub cost: f64,
    /// Why it stopped.
    pub stop: Stop,
}

/// Dot product (in f64), summed over fixed chunks in order.
pub fn dot<A: Copy + Into<f64> + Sync, B: Copy + Into<f64> + Sync>(a: &[A], b: &[B]) -> f64 {
    let parts: Vec<f64> = a
        .par_chunks(CHUNK)
        .zip(b.par_chunks(CHUNK))
        .map(|(x, y)| {
            x.iter()
                .zip(y)
                .map(|(&p, &q)| p.into() * q.into())
                .sum::<f64>()
        })
        .collect();
    parts.iter().sum()
}

/// `y += alpha · x`.
fn axpy(y: &mut [f64], alpha: f64, x: &[f32]) {
    y.par_chunks_mut(CHUNK)
        .zip(x.par_chunks(CHUNK))
        .for_each(|(y, x)| {
            y.iter_mut()
                .zip(x)
                .for_each(|(a, &b)| *a += alpha * f64::from(b))
        });
}

/// `out = a - b`, stored in f32.
fn sub_into(out: &mut [f32], a: &[f64], b: &[f64]) {
    out.par_chunks_mut(CHUNK)
        .zip(a.par_chunks(CHUNK).zip(b.par_chunks(CHUNK)))
        .for_each(|(o, (a, b))| {
            for ((o, a), b) in o.iter_mut().zip(a).zip(b) {
                *o = (a - b) as f32;
            }
        });
}

/// `out = x + alpha · d`.
fn step_into(out: &mut [f64], x: &[f64], alpha: f64, d: &[f64]) {
    out.par_chunks_mut(CHUNK)
        .zip(x.par_chunks(CHUNK).zip(d.par_chunks(CHUNK)))
        .for_each(|(o, (x, d))| {
            for ((o, x), d) in o.iter_mut().zip(x).zip(d) {
                *o = x + alpha * d;
            }
        });
}

/// `v *= alpha`.
fn scale(v: &mut [f64], alpha: f64) {
    v.par_chunks_mut(CHUNK)
        .for_each(|v| v.iter_mut().for_each(|a| *a *= alpha));
}

/// One stored pair: s = x₊ − x, y = g₊ − g, ρ = 1 / (y·s). The pairs only shape the search
/// direction, so they are kept in f32: half the memory of the 2 × `memory` vectors, which are
/// most of the optimiser's footprint.
struct Pair {
    s: Vec<f32>,
    y: Vec<f32>,
    rho: f64,
}

/// The two-loop recursion: `d = −H·g`, with H the inverse Hessian estimate of the stored
/// pairs (the identity scaled by 1/|g| when there are none).
fn two_loop(d: &mut [f64], g: &[f64], gnorm: f64, pairs: &[Pair], alpha: &mut [f64]) {
    d.copy_from_slice(g);
    for (i, p) in pairs.iter().enumerate().rev() {
        alpha[i] = p.rho * dot(&p.s, d);
        axpy(d, -alpha[i], &p.y);
    }
    let gamma = match pairs.last() {
        Some(p) => 1.0 / (p.rho * dot(&p.y, &p.y)),
        None => 1.0 / gnorm,
    };
    scale(d, gamma);
    for (i, p) in pairs.iter().enumerate() {
        let beta = p.rho * dot(&p.y, d);
        axpy(d, alpha[i] - beta, &p.s);
    }
    scale(d, -1.0);
}

/// Minimises `f` from `x` (changed in place to the minimiser). `f(x, g)` returns the cost at `x`
/// and writes the gradient into `g`. Returns an error message if the cost is not finite at the
/// start.
///
/// ```
/// use stance::lbfgs::{minimize, Lbfgs};
/// // f(x) = Σ (xᵢ − i)², minimum at xᵢ = i.
/// let f = |x: &[f64], g: &mut [f64]| {
///     let mut c = 0.0;
///     for (i, (xi, gi)) in x.iter().zip(g.iter_mut()).enumerate() {
///         let d = xi - i as f64;
///         c += d * d;
///         *gi = 2.0 * d;
///     }
///     c
/// };
/// let mut x = vec![0.0; 5];
/// let settings = Lbfgs { memory: 5, max_iter: 100, tol_grad: 1e-10, tol_cost: 0.0 };
/// minimize(f, &mut x, &settings).unwrap();
/// assert!((x[3] - 3.0).abs() < 1e-8);
/// ```
pub fn minimize(
    mut f: impl FnMut(&[f64], &mut [f64]) -> f64,
    x: &mut Vec<f64>,
    settings: &Lbfgs,
) -> Result<Outcome, String> {
    let n = x.len();
    let mut g = vec![0.0; n];
    let mut cost = f(x, &mut g);
    if !cost.is_finite() {
        return Err(format!("cost is not finite at the start ({cost})"));
    }
    let mut d = vec![0.0; n];
    let mut x_new = vec![0.0; n];
    let mut g_new = vec![0.0; n];
    let mut pairs: Vec<Pair> = Vec::with_capacity(settings.memory);
    let mut spare: Option<Pair> = None;
    let mut alpha = vec![0.0; settings.memory];
    let mut iterations = 0;
    let stop = loop {
        let gnorm = dot(&g, &g).sqrt();
        if gnorm < settings.tol_grad {
            break Stop::Gradient;
        }
        if iterations >= settings.max_iter {
            break Stop::MaxIter;
        }
        two_loop(&mut d, &g, gnorm, &pairs, &mut alpha);
        let mut slope = dot(&d, &g);
        if slope >= 0.0 || slope.is_nan() {
            // Not a descent direction (rounding): restart from steepest descent.
            pairs.clear();
            d.copy_from_slice(&g);
            scale(&mut d, -1.0 / gnorm);
            slope = -gnorm;
        }
        // Backtracking line search (Armijo), step 1 first, quadratic interpolation on failure.
        let mut step = 1.0;
        let mut accepted = None;
        for _ in 0..40 {
            step_into(&mut x_new, x, step, &d);
            let c = f(&x_new, &mut g_new);
            if c.is_finite() && c <= cost + 1e-4 * step * slope {
                accepted = Some(c);
                break;
            }
            let next = if c.is_finite() {
                -slope * step * step / (2.0 * (c - cost - slope * step))
            } else {
                0.1 * step
            };
            step = next.clamp(0.1 * step, 0.5 * step);
        }
        let Some(new_cost) = accepted else {
            break Stop::LineSearch;
        };
        iterations += 1;
        // Store the pair (reusing the oldest pair's buffers once memory is full).
        let mut pair = if pairs.len() == settings.memory && settings.memory > 0 {
            pairs.remove(0)
        } else {
            spare.take().unwrap_or_else(|| Pair {
                s: vec![0.0f32; n],
                y: vec![0.0f32; n],
                rho: 0.0,
            })
        };
        sub_into(&mut pair.s, &x_new, x);
        sub_into(&mut pair.y, &g_new, &g);
        let sy = dot(&pair.s, &pair.y);
        if settings.memory > 0 && sy > 1e-10 * dot(&pair.y, &pair.y) {
            pair.rho = 1.0 / sy;
            pairs.push(pair);
        } else {
            spare = Some(pair);
        }
        std::mem::swap(x, &mut x_new);
        std::mem::swap(&mut g, &mut g_new);
        let change = (cost - new_cost).abs();
        cost = new_cost;
        if change < settings.tol_cost {
            break Stop::Cost;
        }
    };
    Ok(Outcome {
        iterations,
        cost,
        stop,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A badly scaled convex quadratic: f = ½ Σ cᵢ (xᵢ − 1)², cᵢ from 1 to 1000.
    fn quadratic(x: &[f64], g: &mut [f64]) -> f64 {
        let mut f = 0.0;
        for (i, (xi, gi)) in x.iter().zip(g.iter_mut()).enumerate() {
            let c = 1.0 + (i % 1000) as f64;
            f += 0.5 * c * (xi - 1.0).powi(2);
            *gi = c * (xi - 1.0);
        }
        f
    }

    fn settings() -> Lbfgs {
        Lbfgs {
            memory: 10,
            max_iter: 1000,
            tol_grad: 1e-9,
            tol_cost: 0.0,
        }
    }

    #[test]
    fn finds_the_minimum_of_an_ill_conditioned_quadratic() {
        let mut x = vec![0.0; 50_000];
        let out = minimize(quadratic, &mut x, &settings()).unwrap();
        assert_eq!(out.stop, Stop::Gradient, "{out:?}");
        assert!(x.iter().all(|v| (v - 1.0).abs() < 1e-9));
    }

    #[test]
    fn handles_a_non_quadratic_convex_function() {
        // f = Σ log(1 + exp(xᵢ − i/10)) + ½ xᵢ²: unique minimum where σ(xᵢ − tᵢ) + xᵢ = 0.
        let f = |x: &[f64], g: &mut [f64]| {
            let mut c = 0.0;
            for (i, (xi, gi)) in x.iter().zip(g.iter_mut()).enumerate() {
                let t = xi - i as f64 / 10.0;
                c += t.exp().ln_1p() + 0.5 * xi * xi;
                *gi = 1.0 / (1.0 + (-t).exp()) + xi;
            }
            c
        };
        let mut x = vec![3.0; 40];
        minimize(f, &mut x, &settings()).unwrap();
        let mut g = vec![0.0; 40];
        f(&x, &mut g);
        assert!(dot(&g, &g).sqrt() < 1e-8);
    }

    #[test]
    fn result_does_not_depend_on_the_number_of_threads() {
        let run = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| {
                    let mut x: Vec<f64> = (0..70_000).map(|i| (i % 7) as f64).collect();
                    minimize(quadratic, &mut x, &settings()).unwrap();
                    x
                })
        };
        assert_eq!(run(1), run(3));
    }

    #[test]
    fn a_non_finite_start_is_an_error() {
        let mut x = vec![0.0; 3];
        let e = minimize(|_, _| f64::NAN, &mut x, &settings()).unwrap_err();
        assert!(e.contains("not finite"));
    }

    #[test]
    fn stops_at_max_iter() {
        let mut x = vec![0.0; 1000];
        let s = Lbfgs {
            max_iter: 3,
            ..settings()
        };
        let out = minimize(quadratic, &mut x, &s).unwrap();
        assert_eq!((out.iterations, out.stop), (3, Stop::MaxIter));
    }
}
