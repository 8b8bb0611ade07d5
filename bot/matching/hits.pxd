# The records one update's matching passes between the compiled modules (scan, resolve,
# grade): plain C structs in buffers that start on the caller's stack, so that a hit costs no
# Python object. Offsets index the padded text and its folded copy (folding keeps lengths).

from cpython.mem cimport PyMem_Calloc, PyMem_Free, PyMem_Malloc, PyMem_Realloc
from cpython.ref cimport PyObject
from cpython.unicode cimport PyUnicode_READ
from libc.string cimport memcpy


cdef struct PlaceHit:
    Py_ssize_t start
    Py_ssize_t end
    # index into the term tables of resolve.Places
    int term


cdef struct Located:
    Py_ssize_t start
    Py_ssize_t end
    # index into the sense tables of resolve.Places: the meaning chosen
    int sense


cdef struct CueHit:
    # the start of its word
    Py_ssize_t start
    # the automaton's end index: the trailing space of an exact key, the last letter of a stem
    Py_ssize_t last
    # the automaton key, which indexes grade.Grader's cue tables
    int key


cdef struct Span:
    Py_ssize_t start
    Py_ssize_t end


cdef struct Text:
    # The text as written (padded with a space at each end) and its folded copy. Both are
    # borrowed from the caller, which holds them for the whole call.
    PyObject* text
    PyObject* folded
    int kind
    const void* data
    # the folded copy is ASCII: one byte per character
    const char* low
    Py_ssize_t length
    # the title occupies text[:title_end]; 0 when there is none
    Py_ssize_t title_end
    # whether that title is Title Case; -1 until someone asks (resolve._in_title_case)
    int title_case


cdef inline Py_UCS4 char_at(const Text* t, Py_ssize_t i) noexcept:
    return PyUnicode_READ(t.kind, t.data, i)


cdef inline void* grow(void* items, void* local, Py_ssize_t* cap, size_t size) except NULL:
    """Double a buffer that starts as the caller's stack array ``local`` and moves to the heap
    when a long text outgrows it; the caller frees it when it is no longer ``local``."""
    cdef Py_ssize_t wanted = cap[0] * 2
    cdef void* out
    if items == local:
        out = PyMem_Malloc(wanted * size)
        if out != NULL:
            memcpy(out, local, cap[0] * size)
    else:
        out = PyMem_Realloc(items, wanted * size)
    if out == NULL:
        raise MemoryError()
    cap[0] = wanted
    return out


cdef inline void* scratch(void* local, Py_ssize_t fits, Py_ssize_t count, size_t size) except NULL:
    """``local`` when ``count`` items fit in it, else a heap block the caller frees."""
    if count <= fits:
        return local
    cdef void* out = PyMem_Malloc((count if count > 0 else 1) * size)
    if out == NULL:
        raise MemoryError()
    return out


cdef inline void release(void* items, void* local) noexcept:
    """Free a buffer from ``grow`` or ``scratch`` unless it is still the stack array ``local``."""
    if items != local:
        PyMem_Free(items)


cdef inline void* table(Py_ssize_t count, size_t size) except NULL:
    """A zeroed array of ``count`` rows for a build-time table; its owner frees it."""
    cdef void* out = PyMem_Calloc(count if count > 0 else 1, size)
    if out == NULL:
        raise MemoryError()
    return out
