#!/usr/bin/python3
"""FEniCSx side of the axisymmetric side-by-side (bench/bench_spatial.c runs it).

The same problem as mnsim's axisymmetric cell (bench/RESULTS.md): cheek skin (SC 17 um,
VE 50 um, dermis 150 + 850 um, clearance 5e-4 /s in the lower dermis), caffeine-like
properties, one aqueous channel of radius 35 um and depth 750 um in the equal-area cell of
200 channels per cm2 (R = 399 um), u = C/K held at 4 kg/m3 on the surface (infinite dose),
a sink at the bottom, zero flux at r = 0 and r = R. Quantity: the amount in the tissue after
T = 1 h, 2 pi int K u r dr dz [kg].

Weak form in (r, z) for the aqueous-equivalent concentration u = C/K (continuous across the
partition jumps, as dolfinx 0.5 cannot have a discontinuous unknown):
    int K du/dt v r + int D K grad u . grad v r + int k K u v r = 0
Q1 elements on a tensor-product mesh whose nodes sit on every interface; BDF2 with constant
steps (the first one implicit Euler); direct LU (PETSc). Levels halve the cells and the step.

Usage: /usr/bin/python3 fenicsx_axisym.py [reference_kg] [max_level]
Prints one line per level: level, nodes, steps, amount, relative error, wall seconds.
"""
import sys
import time

t_import = time.perf_counter()
import numpy as np
import ufl
from mpi4py import MPI
from petsc4py import PETSc
from dolfinx import fem, mesh
import dolfinx.fem.petsc as fpetsc
t_import = time.perf_counter() - t_import

# Properties: the values of src/spatial/bench_cases.c (sources cited there).
D_AQ = 6e-10
K_SC = 0.43 * 10 ** (0.81 * -0.07)
D_SC = 1.1e-4 * 1e-2 / 3600.0 * 15e-6 / K_SC
LAYERS = [  # bottom depth [m], D, K, k
    (17e-6, D_SC, K_SC, 0.0),
    (67e-6, D_AQ / 7.0, 1.0, 0.0),
    (217e-6, D_AQ / 2.0, 0.8, 0.0),
    (1067e-6, D_AQ / 2.0, 0.8, 5e-4),
]
R = 1.0 / np.sqrt(np.pi * 200.0e4)
A_CH, DEPTH = 35e-6, 750e-6
U0, T = 4.0, 3600.0


def graded(lo, hi, h_min, h_max, ratio=1.2):
    """Nodes on [lo, hi]: cells from h_min at both ends growing by ratio up to h_max."""
    L = hi - lo
    h_min = min(h_min, 0.25 * L)
    half, s, h = [], 0.0, h_min
    while s + h < 0.5 * L:
        half.append(h)
        s += h
        h = min(h * ratio, h_max)
    gap = L - 2 * s
    n_mid = max(1, int(np.ceil(gap / h - 1e-9)))
    w = half + [gap / n_mid] * n_mid + half[::-1]
    x = lo + np.concatenate([[0.0], np.cumsum(w)])
    x[-1] = hi
    return x


def axes(level):
    f = 2.0 ** -level
    r = np.concatenate([graded(0.0, A_CH, 6e-6 * f, 6e-6 * f)[:-1],
                        graded(A_CH, R, 6e-6 * f, 80e-6 * f)])
    br = [0.0, 17e-6, 67e-6, 217e-6, DEPTH, 1067e-6]
    z = [np.array([0.0])]
    for b in range(len(br) - 1):
        h = 2e-6 * f if b == 0 else 10e-6 * f
        z.append(graded(br[b], br[b + 1], h, 100e-6 * f)[1:])
    return r, np.concatenate(z)


def solve(level):
    t0 = time.perf_counter()
    r, z = axes(level)
    nr, nz = len(r) - 1, len(z) - 1
    msh = mesh.create_rectangle(MPI.COMM_SELF, [[0.0, 0.0], [1.0, 1.0]], [nr, nz],
                                mesh.CellType.quadrilateral)
    x = msh.geometry.x
    ir = np.rint(x[:, 0] * nr).astype(int)
    iz = np.rint(x[:, 1] * nz).astype(int)
    x[:, 0] = r[ir]
    x[:, 1] = z[iz]
    V = fem.FunctionSpace(msh, ("Lagrange", 1))
    Q = fem.FunctionSpace(msh, ("DG", 0))
    K, DK, kK = fem.Function(Q), fem.Function(Q), fem.Function(Q)
    mid = Q.tabulate_dof_coordinates()
    for c, (rc, zc) in enumerate(mid[:, :2]):
        for bottom, D, Kl, k in LAYERS:
            if zc < bottom:
                break
        if rc < A_CH and zc < DEPTH:
            D, Kl = D_AQ, 1.0
        K.x.array[c], DK.x.array[c], kK.x.array[c] = Kl, D * Kl, k * Kl
    rr = ufl.SpatialCoordinate(msh)[0]
    # the system's entries are ~1e-15 in SI units, below PETSc's zero-pivot threshold: scale
    # the equations (not the unknown) by a constant
    rs = 1e12 * rr
    u, v = ufl.TrialFunction(V), ufl.TestFunction(V)
    top = fem.locate_dofs_geometrical(V, lambda p: np.isclose(p[1], 0.0))
    bot = fem.locate_dofs_geometrical(V, lambda p: np.isclose(p[1], z[-1]))
    bcs = [fem.dirichletbc(PETSc.ScalarType(U0), top, V),
           fem.dirichletbc(PETSc.ScalarType(0.0), bot, V)]
    n_steps = 16 * 2 ** level
    dt = T / n_steps
    un, unm1 = fem.Function(V), fem.Function(V)
    stiff = DK * ufl.inner(ufl.grad(u), ufl.grad(v)) * rs * ufl.dx + kK * u * v * rs * ufl.dx
    forms = {
        1: (fem.form(K / dt * u * v * rs * ufl.dx + stiff),
            fem.form(K / dt * un * v * rs * ufl.dx)),
        2: (fem.form(1.5 * K / dt * u * v * rs * ufl.dx + stiff),
            fem.form(K / dt * (2.0 * un - 0.5 * unm1) * v * rs * ufl.dx)),
    }
    solvers = {}
    for key, (a, L) in forms.items():
        A = fpetsc.assemble_matrix(a, bcs=bcs)
        A.assemble()
        ksp = PETSc.KSP().create(MPI.COMM_SELF)
        ksp.setOperators(A)
        ksp.setType("preonly")
        ksp.getPC().setType("lu")
        solvers[key] = (ksp, a, L, A)
    uh = fem.Function(V)
    for step in range(n_steps):
        ksp, a, L, A = solvers[1 if step == 0 else 2]
        b = fpetsc.assemble_vector(L)
        fpetsc.apply_lifting(b, [a], [bcs])
        b.ghostUpdate(addv=PETSc.InsertMode.ADD, mode=PETSc.ScatterMode.REVERSE)
        fpetsc.set_bc(b, bcs)
        ksp.solve(b, uh.vector)
        uh.x.scatter_forward()
        unm1.x.array[:] = un.x.array
        un.x.array[:] = uh.x.array
    amount = 2.0 * np.pi * fem.assemble_scalar(fem.form(K * uh * rr * ufl.dx))
    return (nr + 1) * (nz + 1), n_steps, amount, time.perf_counter() - t0


def main():
    ref = float(sys.argv[1]) if len(sys.argv) > 1 else float("nan")
    max_level = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    print(f"fenicsx: dolfinx {__import__('dolfinx').__version__}, import {t_import:.2f} s")
    for level in range(max_level + 1):
        nodes, steps, amount, wall = solve(level)
        err = abs(amount - ref) / ref if ref == ref else float("nan")
        print(f"fenicsx level {level}: {nodes} nodes, {steps} steps, amount {amount:.10g} kg, "
              f"error {err:.3g}, {wall:.3f} s", flush=True)


if __name__ == "__main__":
    main()
