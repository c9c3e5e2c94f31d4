//! `stance._stance`: the Python extension module. The Python package `stance` wraps it; the
//! shapes returned are those of the CLI's JSON output (built by the same library code, then
//! read with Python's `json`).

mod classifier;
mod jobs;

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use stance::StanceError;

/// A library error as a Python exception: `OSError` for files that cannot be read or written,
/// `ValueError` for everything else (bad data, bad model, bad options).
pub(crate) fn to_py_err(e: StanceError) -> PyErr {
    match e {
        StanceError::Io { .. } => PyOSError::new_err(e.to_string()),
        _ => PyValueError::new_err(e.to_string()),
    }
}

/// Parses JSON text made by the library into Python objects.
pub(crate) fn json_to_py(py: Python<'_>, json: &str) -> PyResult<PyObject> {
    Ok(py.import("json")?.call_method1("loads", (json,))?.unbind())
}

/// Serialises a library value to JSON text, as a Python `ValueError` on failure.
pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// The compiled part of the `stance` package.
#[pymodule]
fn _stance(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<classifier::PyClassifier>()?;
    m.add_function(wrap_pyfunction!(jobs::train, m)?)?;
    m.add_function(wrap_pyfunction!(jobs::evaluate, m)?)?;
    Ok(())
}
