#!/usr/bin/env python3
"""check_includes.py - the #include "..." graph of src/, tools/ and python/ against the layer table below.

Rules (layers point down only: tools and python -> query -> scan -> kernels and io):
  * A file may include a header of its own folder, of a folder of lower rank, or of include/ (the
    public headers). A folder of higher rank is an upward include, another folder of the same rank
    a sideways one (kernels and io are peers: neither may include the other). Both fail.
  * Every folder that holds a .c or .h file must be in the table; an unknown folder fails.
  * tools/ and python/ see the library through include/ only: besides include/ they include their
    own headers (tools/sluice may use tools/output, by rank), never src/.
  * An internal include names its path from its area's root: "scan/scan.h" from src/,
    "output/writer.h" from tools/. An include that resolves to no file fails.
  * No circle among modules (a .c and its .h, the same path without extension; including another
    module's header is an edge), nor among folders.

Usage: check_includes.py [--root DIR]   checks the tree at DIR (default: two folders up)
       check_includes.py --self-test    checks the checker on small trees it builds
Exit status 0 when the tree keeps every rule, 1 when it breaks one (each problem on its own line).
"""

import os
import re
import sys
import tempfile

# The layer table: folder -> rank. Higher ranks may include lower ones. A folder ending in "/..."
# stands for itself and every folder below it, as one folder.
LAYERS = {
    'tools/sluice': 9,       # the CLI
    'tools/gen': 9,          # the dataset generator
    'python/...': 9,         # the Python extension
    'tools/output': 8,       # the CLI's output formats
    'src/query': 7,          # the public query API (query.c)
    'src/query/exec': 6,     # operators, eval, functions
    'src/query/plan': 5,     # binding, schema, projection, inputs
    'src/query/sql': 4,      # syntax: lexer, parser, tree
    'src/query/values': 3,   # typed values, numbers, casefold, arena, errors
    'src/scan': 2,           # the reader: cursor, columns, fields, parallel pieces
    'src/kernels': 1,        # per-ISA indexing, utf8, digits (a peer of io)
    'src/io': 1,             # stream decoders, fault guard (a peer of kernels)
}
PUBLIC = 'include'                  # the public headers: anyone may include them
AREAS = ('src', 'tools', 'python')  # the trees read; an include names its path from its area
LIBRARY_ONLY_PUBLIC = ('tools', 'python')  # areas that may not include src/

INCLUDE_RE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
SOURCE_EXT = ('.c', '.h')
GENERATED_EXT = '.in'     # include/sluice_version.h.in: the template of a generated header


def layer_of(folder):
    """The table entry of folder (an exact entry, else the nearest "/..." above it), or None."""
    if folder in LAYERS:
        return folder
    parts = folder.split('/')
    for i in range(len(parts), 0, -1):
        key = '/'.join(parts[:i]) + '/...'
        if key in LAYERS:
            return key
    return None


def area_of(path):
    return path.split('/', 1)[0]


def module_of(path):
    return os.path.splitext(path)[0]


def source_files(root):
    """Every .c and .h below the areas and include/, as paths from root with '/'."""
    out = []
    for top in AREAS + (PUBLIC,):
        base = os.path.join(root, top)
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(SOURCE_EXT):
                    out.append(os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, '/'))
    return out


def read_includes(root, path):
    """(line number, included name) for each #include "..." of path."""
    found = []
    with open(os.path.join(root, path), encoding='utf-8', errors='replace') as f:
        for number, line in enumerate(f, 1):
            m = INCLUDE_RE.match(line)
            if m:
                found.append((number, m.group(1)))
    return found


def resolve(root, path, name):
    """The file that name stands for, included from path: include/ first (as the build's -I order),
    then its own area's root, then the other areas' (so a wrong-way include is judged by its
    target). None when no file matches."""
    area = area_of(path)
    for base in (PUBLIC, area) + tuple(a for a in AREAS if a != area):
        candidate = os.path.normpath(os.path.join(base, name)).replace(os.sep, '/')
        if candidate.startswith('..'):
            continue
        if os.path.isfile(os.path.join(root, candidate)):
            return candidate
        # a header meson generates with configure_file (sluice_version.h) stands as its template
        if os.path.isfile(os.path.join(root, candidate + GENERATED_EXT)):
            return candidate
    return None


def find_cycles(edges):
    """One cycle (a list of nodes, first == last) per strongly connected part of more than one node."""
    index, low, on_stack, stack, parts = {}, {}, set(), [], []
    counter = [0]

    def connect(v):  # Tarjan, iterative so that deep graphs do not hit the recursion limit
        work = [(v, iter(sorted(edges.get(v, ()))))]
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        while work:
            node, children = work[-1]
            advanced = False
            for w in children:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(edges.get(w, ())))))
                    advanced = True
                    break
                if w in on_stack:
                    low[node] = min(low[node], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                part = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    part.append(w)
                    if w == node:
                        break
                if len(part) > 1:
                    parts.append(set(part))

    for v in sorted(edges):
        if v not in index:
            connect(v)

    cycles = []
    for part in parts:
        start = min(part)
        # the shortest way back to start inside the part (breadth first)
        prev, frontier, found = {start: None}, [start], None
        while frontier and found is None:
            nxt = []
            for v in frontier:
                for w in sorted(edges.get(v, ())):
                    if w not in part:
                        continue
                    if w == start:
                        found = v
                        break
                    if w not in prev:
                        prev[w] = v
                        nxt.append(w)
                if found is not None:
                    break
            frontier = nxt
        chain, v = [], found
        while v is not None:
            chain.append(v)
            v = prev[v]
        chain.reverse()  # start ... found, and found includes start
        cycles.append(chain + [start])
    return sorted(cycles)


def check(root):
    """Every problem of the tree at root, as (kind, message) pairs, in a stable order."""
    problems = []
    files = source_files(root)
    module_edges, folder_edges, witness = {}, {}, {}

    for folder in sorted({os.path.dirname(p) for p in files}):
        if area_of(folder) != PUBLIC and layer_of(folder) is None:
            problems.append(('unknown-folder', '%s/: not in the layer table of %s' % (
                folder, os.path.basename(__file__))))

    for path in files:
        folder, area = os.path.dirname(path), area_of(path)
        layer = layer_of(folder)
        for number, name in read_includes(root, path):
            where = '%s:%d: #include "%s"' % (path, number, name)
            target = resolve(root, path, name)
            if target is None:
                hint = ''
                if os.path.isfile(os.path.join(root, folder, name)):
                    hint = ' (it is in %s/: name its path from %s/, "%s")' % (
                        folder, area, os.path.relpath(os.path.join(folder, name), area).replace(os.sep, '/'))
                problems.append(('unresolved', '%s: no such file from %s/ or %s/%s' % (
                    where, area, PUBLIC, hint)))
                continue
            tfolder, tarea = os.path.dirname(target), area_of(target)
            if module_of(target) != module_of(path):
                module_edges.setdefault(module_of(path), set()).add(module_of(target))
                witness.setdefault((module_of(path), module_of(target)), where)
            if tarea == PUBLIC:
                continue
            tlayer = layer_of(tfolder)
            if layer is not None and tlayer is not None and tlayer != layer:
                folder_edges.setdefault(layer, set()).add(tlayer)
                witness.setdefault((layer, tlayer), where)
            if area == PUBLIC:
                problems.append(('public', '%s: a public header includes only public headers, not %s' % (
                    where, target)))
                continue
            if area in LIBRARY_ONLY_PUBLIC and tarea != area:
                problems.append(('private', '%s: %s/ includes only %s/ headers and its own, not %s' % (
                    where, area, PUBLIC, target)))
                continue
            if layer is None or tlayer is None or tlayer == layer:
                continue  # an unknown folder is reported once, above
            if LAYERS[tlayer] > LAYERS[layer]:
                problems.append(('upward', '%s: upward include of %s (%s, rank %d) from %s (rank %d)' % (
                    where, target, tlayer, LAYERS[tlayer], layer, LAYERS[layer])))
            elif LAYERS[tlayer] == LAYERS[layer]:
                problems.append(('sideways', '%s: sideways include of %s (%s and %s are peers, rank %d)' % (
                    where, target, tlayer, layer, LAYERS[layer])))

    for kind, edges in (('module-cycle', module_edges), ('folder-cycle', folder_edges)):
        for cycle in find_cycles(edges):
            steps = '; '.join(witness[(a, b)] for a, b in zip(cycle, cycle[1:]))
            problems.append((kind, '%s: %s (%s)' % (kind.replace('-', ' '), ' -> '.join(cycle), steps)))
    return problems, len(files)


# --- the checker's own test -------------------------------------------------------------------

def build_tree(base, files):
    for path, text in files.items():
        full = os.path.join(base, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, 'w', encoding='utf-8') as f:
            f.write(text)


def inc(*names):
    return ''.join('#include "%s"\n' % n for n in names) + '#include <stdio.h>\n'


CLEAN = {
    'include/sluice.h': inc(),
    'src/io/stream.h': inc('sluice.h'),
    'src/io/stream.c': inc('io/stream.h'),
    'src/kernels/index.h': inc('sluice.h'),
    'src/kernels/index.c': inc('kernels/index.h'),
    'src/scan/reader.h': inc('io/stream.h', 'kernels/index.h'),
    'src/scan/reader.c': inc('scan/reader.h', 'kernels/index.h'),
    'src/query/values/value.h': inc('sluice.h'),
    'src/query/sql/ast.h': inc('query/values/value.h'),
    'src/query/sql/ast.c': inc('query/sql/ast.h'),
    'src/query/query.c': inc('query/sql/ast.h', 'scan/reader.h'),
    'tools/output/writer.h': inc(),
    'tools/output/writer.c': inc('output/writer.h'),
    'tools/sluice/main.c': inc('sluice.h', 'output/writer.h'),
}


def self_test():
    cases = [
        ('clean tree', {}, []),
        ('upward include', {'src/kernels/index.c': inc('kernels/index.h', 'scan/reader.h')},
         [('upward', 'src/kernels/index.c:2: #include "scan/reader.h"'),
          ('folder-cycle', 'src/kernels -> src/scan -> src/kernels'),
          ('module-cycle', 'src/kernels/index -> src/scan/reader -> src/kernels/index')]),
        ('sideways kernels -> io', {'src/kernels/index.c': inc('kernels/index.h', 'io/stream.h')},
         [('sideways', 'src/kernels/index.c:2: #include "io/stream.h"')]),
        ('sideways io -> kernels', {'src/io/stream.c': inc('io/stream.h', 'kernels/index.h')},
         [('sideways', 'src/io/stream.c:2: #include "kernels/index.h"')]),
        ('module circle in one folder', {
            'src/scan/columns.h': inc('scan/reader.h'),
            'src/scan/reader.c': inc('scan/reader.h', 'scan/columns.h'),
        }, [('module-cycle', 'src/scan/columns -> src/scan/reader -> src/scan/columns')]),
        ('values includes sql', {'src/query/values/value.h': inc('query/sql/ast.h')},
         [('upward', 'src/query/values/value.h:1: #include "query/sql/ast.h"'),
          ('folder-cycle', 'src/query/sql -> src/query/values -> src/query/sql'),
          ('module-cycle', 'src/query/sql/ast -> src/query/values/value -> src/query/sql/ast')]),
        ('unknown folder', {'src/misc/util.c': inc('sluice.h')},
         [('unknown-folder', 'src/misc/')]),
        ('bare own-folder name', {'src/scan/reader.c': inc('reader.h')},
         [('unresolved', 'src/scan/reader.c:1: #include "reader.h": no such file'),
          ('unresolved', '"scan/reader.h"')]),
        ('missing header', {'src/scan/reader.c': inc('scan/reader.h', 'scan/gone.h')},
         [('unresolved', 'src/scan/reader.c:2: #include "scan/gone.h"')]),
        ('tools reaches into src', {'tools/sluice/main.c': inc('sluice.h', 'scan/reader.h')},
         [('private', 'tools/sluice/main.c:2: #include "scan/reader.h"')]),
        ('output includes the CLI', {'tools/sluice/diag.h': inc(),
                                     'tools/output/writer.c': inc('output/writer.h', 'sluice/diag.h')},
         [('upward', 'tools/output/writer.c:2: #include "sluice/diag.h"'),
          ('folder-cycle', 'tools/output -> tools/sluice -> tools/output')]),
        ('public header reaches into src', {'include/sluice.h': inc('kernels/index.h')},
         [('public', 'include/sluice.h:1: #include "kernels/index.h"'),
          ('module-cycle', 'include/sluice -> src/kernels/index -> include/sluice')]),
        ('generated public header', {'include/sluice.h': inc('sluice_version.h'),
                                     'include/sluice_version.h.in': '#define V 1\n'}, []),
        ('generated header without its template', {'include/sluice.h': inc('sluice_version.h')},
         [('unresolved', 'include/sluice.h:1: #include "sluice_version.h"')]),
    ]
    failed = 0
    for title, change, expected in cases:
        with tempfile.TemporaryDirectory() as base:
            tree = dict(CLEAN)
            tree.update(change)
            build_tree(base, tree)
            problems, _ = check(base)
        missing = [(k, s) for k, s in expected if not any(pk == k and s in pm for pk, pm in problems)]
        extra = [(pk, pm) for pk, pm in problems if not any(pk == k and s in pm for k, s in expected)]
        if missing or extra:
            failed += 1
            print('FAIL %s' % title)
            for k, s in missing:
                print('  expected %s: %s' % (k, s))
            for k, m in extra:
                print('  unexpected %s: %s' % (k, m))
        else:
            print('ok   %s (%d problem%s)' % (title, len(problems), '' if len(problems) == 1 else 's'))
    # the checker's own table names every folder today's layout uses
    for folder in ('src/query', 'src/query/sql', 'src/query/values', 'src/scan', 'src/kernels', 'src/io',
                   'tools/sluice', 'tools/output', 'python', 'python/sluice'):
        if layer_of(folder) is None:
            failed += 1
            print('FAIL the table has no entry for %s' % folder)
    return 1 if failed else 0


def main(argv):
    if '--self-test' in argv:
        return self_test()
    root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
    if '--root' in argv:
        root = argv[argv.index('--root') + 1]
    problems, nfiles = check(root)
    for _, message in problems:
        print(message)
    if problems:
        print('%d problem%s in the #include graph of %d files' % (
            len(problems), '' if len(problems) == 1 else 's', nfiles), file=sys.stderr)
        return 1
    print('ok: %d files keep the layer table' % nfiles)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
