/* wrap.py's character rules for one paragraph, shared by argmap's C accelerators.
 *
 * Included by _fastwrap.c (wrap.wrap's general case) and _fastdot.c (the text of a box), so
 * both give exactly the lines wrap.py gives. A paragraph (no line break) is split into atoms
 * as wrap._atoms does (runs of narrow characters, each wide character alone, combining marks
 * kept on the atom before them, kinsoku gluing) and the atoms are packed into lines as
 * wrap.wrap does. An atom wider than a line (a long URL or word, which wrap._cut cuts) makes
 * wrap_paragraph return 0: the caller asks the Python code. Character widths come from
 * wrap._width (asked once per character, kept here) and the kinsoku sets from wrap.NO_START
 * and wrap.NO_END, given to wrap_setup().
 */
#ifndef ARGMAP_WRAPCORE_H
#define ARGMAP_WRAPCORE_H

#include <Python.h>
#include <string.h>

#define WRAP_BMP 0x10000

static unsigned char wrap_widths[WRAP_BMP]; /* width + 1; 0 until asked */
static unsigned char wrap_no_start[WRAP_BMP / 8], wrap_no_end[WRAP_BMP / 8];
static PyObject *wrap_width_of = NULL;      /* wrap._width */

static int
wrap_in_set(const unsigned char *set, Py_UCS4 ch)
{
    return ch < WRAP_BMP && (set[ch >> 3] >> (ch & 7)) & 1;
}

/* The display width of ch (0, 1 or 2), or -1 with an exception. */
static int
wrap_char_width(Py_UCS4 ch)
{
    if (ch < WRAP_BMP && wrap_widths[ch]) {
        return wrap_widths[ch] - 1;
    }
    PyObject *s = PyUnicode_FromOrdinal((int)ch);
    if (s == NULL) {
        return -1;
    }
    PyObject *width_of = Py_NewRef(wrap_width_of); /* setup() could replace it meanwhile */
    PyObject *w = PyObject_CallOneArg(width_of, s);
    Py_DECREF(width_of);
    Py_DECREF(s);
    if (w == NULL) {
        return -1;
    }
    long value = PyLong_AsLong(w);
    Py_DECREF(w);
    if (value == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (value < 0 || value > 2) {
        PyErr_SetString(PyExc_ValueError, "a character width must be 0, 1 or 2");
        return -1;
    }
    if (ch < WRAP_BMP) {
        wrap_widths[ch] = (unsigned char)(value + 1);
    }
    return (int)value;
}

static int
wrap_fill_set(unsigned char *set, PyObject *chars)
{
    memset(set, 0, WRAP_BMP / 8);
    Py_ssize_t n = PyUnicode_GET_LENGTH(chars);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ_CHAR(chars, i);
        if (ch >= WRAP_BMP) {
            PyErr_SetString(PyExc_ValueError, "kinsoku characters must be in the BMP");
            return -1;
        }
        set[ch >> 3] |= (unsigned char)(1 << (ch & 7));
    }
    return 0;
}

/* setup(no_start, no_end, width_of): a module function of both modules. */
static PyObject *
wrap_setup(PyObject *module, PyObject *args)
{
    PyObject *starts, *ends, *widths;
    if (!PyArg_ParseTuple(args, "UUO:setup", &starts, &ends, &widths)) {
        return NULL;
    }
    if (!PyCallable_Check(widths)) {
        PyErr_SetString(PyExc_TypeError, "width_of must be callable");
        return NULL;
    }
    if (wrap_fill_set(wrap_no_start, starts) < 0 || wrap_fill_set(wrap_no_end, ends) < 0) {
        Py_CLEAR(wrap_width_of);
        return NULL;
    }
    Py_XSETREF(wrap_width_of, Py_NewRef(widths));
    memset(wrap_widths, 0, sizeof(wrap_widths));
    Py_RETURN_NONE;
}

#define WRAP_SETUP_DOC                                                                         \
    "setup(no_start, no_end, width_of)\n\n"                                                   \
    "The characters no line may start with and end with (each a str), and the function\n"     \
    "giving a character's display width (wrap.py's). Call once before wrapping."

typedef struct {
    Py_ssize_t start, end; /* end == -1: the space between two tokens */
} WrapAtom;

/* The lines of one paragraph (text[0:n], no line break) at `width` columns (at least 2):
 * their characters one after the other in out[] (room for n), and where each ends in ends[]
 * (room for n + 1), their number in *count. 1 when done, 0 when an atom is wider than a line
 * (ask the Python code), -1 with an exception. */
static int
wrap_paragraph(int kind, const void *data, Py_ssize_t n, Py_ssize_t width, Py_UCS4 *out,
               Py_ssize_t *ends, Py_ssize_t *count)
{
    if (wrap_width_of == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "setup() was not called");
        return -1;
    }
    int result = -1;
    /* prefix sums of widths (sum[i]: columns of text[:i]), atoms, glued atoms */
    Py_ssize_t *sum = n < PY_SSIZE_T_MAX / 2 ? PyMem_New(Py_ssize_t, n + 1) : NULL;
    WrapAtom *atoms = n < PY_SSIZE_T_MAX / 2 ? PyMem_New(WrapAtom, 2 * n + 1) : NULL;
    WrapAtom *glued = n < PY_SSIZE_T_MAX / 2 ? PyMem_New(WrapAtom, 2 * n + 1) : NULL;
    if (sum == NULL || atoms == NULL || glued == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    sum[0] = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        int w = wrap_char_width(PyUnicode_READ(kind, data, i));
        if (w < 0) {
            goto done;
        }
        sum[i + 1] = sum[i] + w;
    }

    /* _atoms: tokens split at whitespace (as str.split()), a space atom between tokens */
    Py_ssize_t natoms = 0;
    Py_ssize_t i = 0;
    while (i < n) {
        while (i < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) {
            i++;
        }
        if (i >= n) {
            break;
        }
        Py_ssize_t token_end = i;
        while (token_end < n && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, token_end))) {
            token_end++;
        }
        if (natoms > 0) {
            atoms[natoms++] = (WrapAtom){0, -1};
        }
        /* _token_atoms: narrow runs are words, wide characters atoms, marks stay put */
        Py_ssize_t first = natoms, word = -1;
        for (Py_ssize_t k = i; k < token_end; k++) {
            Py_ssize_t w = sum[k + 1] - sum[k];
            if (w == 2) {
                if (word >= 0) {
                    atoms[natoms++] = (WrapAtom){word, k};
                    word = -1;
                }
                atoms[natoms++] = (WrapAtom){k, k + 1};
            }
            else if (w == 0 && word < 0 && natoms > first) {
                atoms[natoms - 1].end = k + 1; /* the atom before ends at k */
            }
            else if (word < 0) {
                word = k;
            }
        }
        if (word >= 0) {
            atoms[natoms++] = (WrapAtom){word, token_end};
        }
        i = token_end;
    }

    /* kinsoku: no atom starts a line with closing punctuation, none ends one opening */
    Py_ssize_t kept = 0;
    int join_next = 0;
    for (Py_ssize_t a = 0; a < natoms; a++) {
        WrapAtom atom = atoms[a];
        if (atom.end < 0) {
            glued[kept++] = atom;
            join_next = 0;
            continue;
        }
        int starts_closed = wrap_in_set(wrap_no_start, PyUnicode_READ(kind, data, atom.start));
        if (kept > 0 && glued[kept - 1].end >= 0 && (join_next || starts_closed)) {
            glued[kept - 1].end = atom.end; /* the same token: the atoms touch */
        }
        else {
            glued[kept++] = atom;
        }
        join_next = wrap_in_set(wrap_no_end, PyUnicode_READ(kind, data, atom.end - 1));
    }

    /* packing, as wrap.wrap's loop */
    Py_ssize_t len = 0, line_start = 0, line_width = 0, lines = 0;
    int pending_space = 0;
    for (Py_ssize_t a = 0; a < kept; a++) {
        WrapAtom atom = glued[a];
        if (atom.end < 0) {
            pending_space = len > line_start;
            continue;
        }
        Py_ssize_t atom_width = sum[atom.end] - sum[atom.start];
        Py_ssize_t gap = pending_space ? 1 : 0;
        pending_space = 0;
        if (len > line_start && line_width + gap + atom_width <= width) {
            if (gap) {
                out[len++] = ' ';
            }
            line_width += gap + atom_width;
        }
        else {
            if (len > line_start) {
                ends[lines++] = len;
                line_start = len;
            }
            if (atom_width > width) { /* wrap._cut's work: the Python code does it */
                result = 0;
                goto done;
            }
            line_width = atom_width;
        }
        for (Py_ssize_t k = atom.start; k < atom.end; k++) {
            out[len++] = PyUnicode_READ(kind, data, k);
        }
    }
    ends[lines++] = len;
    *count = lines;
    result = 1;
done:
    PyMem_Free(sum);
    PyMem_Free(atoms);
    PyMem_Free(glued);
    return result;
}

#endif
