/* argmap.render._fastwrap: wrap.py's rules for one paragraph of wide text, written in C.
 *
 * An optional accelerator for argmap/render/wrap.py (see wrap() there): the same lines as the
 * Python rules, about ten times faster on Japanese text. It takes a paragraph (no line
 * break), splits it into atoms as wrap._atoms does (runs of narrow characters, each wide
 * character alone, combining marks kept on the atom before them, kinsoku gluing) and packs
 * them into lines as wrap.wrap does. When an atom is wider than a line (a long URL or word,
 * which wrap._cut cuts) it gives up and returns None: the Python code does that paragraph.
 * Character widths come from wrap._width (asked once per character, kept here), and the
 * kinsoku sets from wrap.NO_START and wrap.NO_END, given by setup().
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

#define BMP 0x10000

static unsigned char bmp_width[BMP];          /* width + 1; 0 until asked */
static unsigned char no_start[BMP / 8], no_end[BMP / 8];
static PyObject *width_of = NULL;             /* wrap._width */

static int
in_set(const unsigned char *set, Py_UCS4 ch)
{
    return ch < BMP && (set[ch >> 3] >> (ch & 7)) & 1;
}

/* The display width of ch (0, 1 or 2), or -1 with an exception. */
static int
char_width(Py_UCS4 ch)
{
    if (ch < BMP && bmp_width[ch]) {
        return bmp_width[ch] - 1;
    }
    PyObject *s = PyUnicode_FromOrdinal((int)ch);
    if (s == NULL) {
        return -1;
    }
    PyObject *w = PyObject_CallOneArg(width_of, s);
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
    if (ch < BMP) {
        bmp_width[ch] = (unsigned char)(value + 1);
    }
    return (int)value;
}

static int
fill_set(unsigned char *set, PyObject *chars)
{
    if (!PyUnicode_Check(chars)) {
        PyErr_SetString(PyExc_TypeError, "the kinsoku sets are given as str");
        return -1;
    }
    memset(set, 0, BMP / 8);
    Py_ssize_t n = PyUnicode_GET_LENGTH(chars);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ_CHAR(chars, i);
        if (ch >= BMP) {
            PyErr_SetString(PyExc_ValueError, "kinsoku characters must be in the BMP");
            return -1;
        }
        set[ch >> 3] |= (unsigned char)(1 << (ch & 7));
    }
    return 0;
}

PyDoc_STRVAR(setup_doc,
"setup(no_start, no_end, width_of)\n\n"
"The characters no line may start with and end with (each a str), and the function giving\n"
"a character's display width. Call once before paragraph().");

static PyObject *
setup(PyObject *module, PyObject *args)
{
    PyObject *starts, *ends, *widths;
    if (!PyArg_ParseTuple(args, "UUO:setup", &starts, &ends, &widths)) {
        return NULL;
    }
    if (!PyCallable_Check(widths)) {
        PyErr_SetString(PyExc_TypeError, "width_of must be callable");
        return NULL;
    }
    if (fill_set(no_start, starts) < 0 || fill_set(no_end, ends) < 0) {
        width_of = NULL;
        return NULL;
    }
    Py_XSETREF(width_of, Py_NewRef(widths));
    memset(bmp_width, 0, sizeof(bmp_width));
    Py_RETURN_NONE;
}

typedef struct {
    Py_ssize_t start, end; /* end == -1: the space between two tokens */
} Atom;

/* Append the line held in buf (len characters) to lines. */
static int
emit(PyObject *lines, const Py_UCS4 *buf, Py_ssize_t len)
{
    PyObject *line = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, len);
    if (line == NULL) {
        return -1;
    }
    int failed = PyList_Append(lines, line);
    Py_DECREF(line);
    return failed;
}

PyDoc_STRVAR(paragraph_doc,
"paragraph(text, width) -> list[str] | None\n\n"
"The lines wrap.wrap makes of one paragraph of text (no line break in it) at width columns\n"
"(at least 2) by its character rules; None when an atom is wider than a line.");

static PyObject *
paragraph(PyObject *module, PyObject *args)
{
    PyObject *text;
    Py_ssize_t width;
    if (!PyArg_ParseTuple(args, "Un:paragraph", &text, &width)) {
        return NULL;
    }
    if (width_of == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "setup() was not called");
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    PyObject *result = NULL;
    /* prefix sums of widths (sum[i]: columns of text[:i]), atoms, glued atoms, a line */
    Py_ssize_t *sum = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)(n + 1));
    Atom *atoms = PyMem_Malloc(sizeof(Atom) * (size_t)(2 * n + 1));
    Atom *glued = PyMem_Malloc(sizeof(Atom) * (size_t)(2 * n + 1));
    Py_UCS4 *line = PyMem_Malloc(sizeof(Py_UCS4) * (size_t)(n + 1));
    if (sum == NULL || atoms == NULL || glued == NULL || line == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    sum[0] = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        int w = char_width(PyUnicode_READ(kind, data, i));
        if (w < 0) {
            goto done;
        }
        sum[i + 1] = sum[i] + w;
    }

    /* _atoms: tokens split at whitespace (as str.split()), a space atom between tokens */
    Py_ssize_t count = 0;
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
        if (count > 0) {
            atoms[count++] = (Atom){0, -1};
        }
        /* _token_atoms: narrow runs are words, wide characters atoms, marks stay put */
        Py_ssize_t first = count, word = -1;
        for (Py_ssize_t k = i; k < token_end; k++) {
            Py_ssize_t w = sum[k + 1] - sum[k];
            if (w == 2) {
                if (word >= 0) {
                    atoms[count++] = (Atom){word, k};
                    word = -1;
                }
                atoms[count++] = (Atom){k, k + 1};
            }
            else if (w == 0 && word < 0 && count > first) {
                atoms[count - 1].end = k + 1; /* the atom before ends at k */
            }
            else if (word < 0) {
                word = k;
            }
        }
        if (word >= 0) {
            atoms[count++] = (Atom){word, token_end};
        }
        i = token_end;
    }

    /* kinsoku: no atom starts a line with closing punctuation, none ends one opening */
    Py_ssize_t kept = 0;
    int join_next = 0;
    for (Py_ssize_t a = 0; a < count; a++) {
        Atom atom = atoms[a];
        if (atom.end < 0) {
            glued[kept++] = atom;
            join_next = 0;
            continue;
        }
        int starts_closed = in_set(no_start, PyUnicode_READ(kind, data, atom.start));
        if (kept > 0 && glued[kept - 1].end >= 0 && (join_next || starts_closed)) {
            glued[kept - 1].end = atom.end; /* the same token: the atoms touch */
        }
        else {
            glued[kept++] = atom;
        }
        join_next = in_set(no_end, PyUnicode_READ(kind, data, atom.end - 1));
    }

    /* packing, as wrap.wrap's loop */
    PyObject *lines = PyList_New(0);
    if (lines == NULL) {
        goto done;
    }
    Py_ssize_t len = 0, line_width = 0;
    int pending_space = 0;
    for (Py_ssize_t a = 0; a < kept; a++) {
        Atom atom = glued[a];
        if (atom.end < 0) {
            pending_space = len > 0;
            continue;
        }
        Py_ssize_t atom_width = sum[atom.end] - sum[atom.start];
        Py_ssize_t gap = pending_space ? 1 : 0;
        pending_space = 0;
        if (len > 0 && line_width + gap + atom_width <= width) {
            if (gap) {
                line[len++] = ' ';
            }
            for (Py_ssize_t k = atom.start; k < atom.end; k++) {
                line[len++] = PyUnicode_READ(kind, data, k);
            }
            line_width += gap + atom_width;
            continue;
        }
        if (len > 0 && emit(lines, line, len) < 0) {
            Py_DECREF(lines);
            goto done;
        }
        if (atom_width > width) { /* wrap._cut's work: the Python code does it */
            Py_DECREF(lines);
            result = Py_NewRef(Py_None);
            goto done;
        }
        len = 0;
        for (Py_ssize_t k = atom.start; k < atom.end; k++) {
            line[len++] = PyUnicode_READ(kind, data, k);
        }
        line_width = atom_width;
    }
    if (emit(lines, line, len) < 0) {
        Py_DECREF(lines);
        goto done;
    }
    result = lines;
done:
    PyMem_Free(sum);
    PyMem_Free(atoms);
    PyMem_Free(glued);
    PyMem_Free(line);
    return result;
}

static PyMethodDef methods[] = {
    {"setup", setup, METH_VARARGS, setup_doc},
    {"paragraph", paragraph, METH_VARARGS, paragraph_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "argmap.render._fastwrap",
    .m_doc = "wrap.py's rules for a paragraph of wide text, written in C (optional).",
    .m_size = -1,
    .m_methods = methods,
};

PyMODINIT_FUNC
PyInit__fastwrap(void)
{
    PyObject *module = PyModule_Create(&module_def);
    /* what wrap.py expects of this module: a build left from another version is not used */
    if (module != NULL && PyModule_AddIntConstant(module, "API", 1) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
