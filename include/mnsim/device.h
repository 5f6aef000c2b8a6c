/* Devices: the catalogue of rollers, stamps and pens (data/devices.yaml, compiled in) and the
 * device a scenario uses once its overrides are applied.
 *
 * A roller carries `needles` needles in `needle_rows` rows parallel to its axis on a drum of
 * drum_diameter_m x drum_width_m; a stamp carries a grid of needles on stamp_width_m x
 * stamp_height_m; a pen drives a cartridge of needles (a disc of cartridge_diameter_m)
 * frequency_hz times a second while it glides at glide_speed_m_per_s. Every needle is a cone
 * (full angle needle_cone_angle_deg, tip radius needle_tip_radius_m) on a shaft of
 * needle_base_diameter_m. A pen's needle length is its depth setting. */
#ifndef MNSIM_DEVICE_H
#define MNSIM_DEVICE_H

#include <stdbool.h>

#include "mnsim/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A device: a catalogue entry, or the resolved device of a scenario. Strings are owned by
 *  the context's catalogue (valid for the context's life). Fields that do not apply to the
 *  type (a pen's drum) are NaN / 0. */
typedef struct mn_device {
  const char *name;    /* catalogue name: "generic_roller", "pen_12" */
  const char *label;   /* for people */
  const char *setting; /* "home" | "clinic" */
  mn_device_type type;
  double needle_length_m; /* nominal length (pen: depth setting) */
  double length_min_m;    /* lengths the device comes in (pen: setting range) */
  double length_max_m;
  double length_step_m;          /* pen: step of the depth setting; 0 = any length */
  double needle_base_diameter_m; /* shaft diameter at the base */
  double needle_tip_radius_m;
  double needle_cone_angle_deg; /* full angle of the tip cone */
  int needles;                  /* needles on the drum, stamp or cartridge */
  int needle_rows;              /* roller: rows parallel to the axis; stamp: grid rows */
  double drum_diameter_m;       /* roller */
  double drum_width_m;          /* roller */
  double stamp_width_m;         /* stamp */
  double stamp_height_m;        /* stamp */
  double frequency_hz;          /* pen strokes per second */
  double glide_speed_m_per_s;   /* pen */
  double cartridge_diameter_m;  /* pen: diameter of the needle field */
  /* Fractional lasers (type MN_DEVICE_FRACTIONAL_LASER; NaN for needle devices, whose needle
   * fields are NaN / 0 for a laser). A pass lays density_per_m2 microscopic treatment zones
   * (MTZs) over the skin, one microbeam each; or, where the device is set by coverage, as many
   * as cover coverage_fraction of the surface (the zone's width comes from the physics). */
  mn_laser laser;              /* its line */
  double pulse_energy_j;       /* energy per microbeam */
  double pulse_energy_min_j;   /* energies the device delivers */
  double pulse_energy_max_j;
  double spot_diameter_m;      /* 1/e^2 diameter of a microbeam */
  double pulse_s;              /* pulse duration */
  double density_per_m2;       /* zones per area and pass; NaN when set by coverage */
  double coverage_fraction;    /* share of the surface per pass; NaN when set by density */
  int usual_passes;            /* passes of a usual session (a scanner building its density) */
  const char *source;           /* citations of the entry */
} mn_device;

/** "roller" | "stamp" | "pen" | "fractional_laser"; static. */
MN_API const char *mn_device_type_name(mn_device_type type);

/** "co2" | "er_yag" | "er_glass_1550" | "er_glass_1540" | "nd_yap_1340"; static. */
MN_API const char *mn_laser_name(mn_laser laser);
/** The line's wavelength [nm]. */
MN_API double mn_laser_wavelength_nm(mn_laser laser);
/** True for the ablative lines (CO2, Er:YAG): they vaporise a column and open a channel;
 *  the others coagulate a column under an intact stratum corneum. */
MN_API bool mn_laser_is_ablative(mn_laser laser);

/** All devices of the compiled-in catalogue, borrowed for the life of ctx.
 *  @return MN_OK; MN_E_CONFIG if the compiled-in table is malformed; MN_E_NOMEM. */
MN_API mn_status mn_devices_list(mn_ctx *ctx, const mn_device **devices, size_t *n_devices);

/** Find a device by name. @return MN_OK; MN_E_NOTFOUND (the message lists the valid names). */
MN_API mn_status mn_device_find(mn_ctx *ctx, const char *name, const mn_device **device);

/** The device a scenario uses: the catalogue entry named by sd->model (its type wins over
 *  sd->type), or the generic device of sd->type when sd->model is empty; then every field the
 *  scenario gives (not NaN / -1) replaces the catalogue's. A length outside the device's range
 *  or off a pen's setting step is logged as a warning, not refused.
 *  @return MN_OK; MN_E_NOTFOUND (unknown model); MN_E_CONFIG (a non-physical combination, e.g.
 *          a tip radius above the base radius); MN_E_ARG (NULL). */
MN_API mn_status mn_device_resolve(mn_ctx *ctx, const mn_scenario_device *sd, mn_device *out);

/** Needle entries per area [1/m²] of one pass (roller, pen) or one stamp, the device's formula:
 *  roller N / (pi D W), pen N f / (w v) with w the cartridge diameter, stamp N / (w h);
 *  a fractional laser: its zones per area and pass (NaN when it is set by coverage). */
MN_API double mn_device_punctures_per_m2_per_pass(const mn_device *device);

/** Radius of a needle's cross-section at distance s_m from its tip: the cone
 *  tip_radius + s tan(angle/2), capped at the shaft's radius. */
MN_API double mn_device_needle_radius_m(const mn_device *device, double s_m);

#ifdef __cplusplus
}
#endif
#endif /* MNSIM_DEVICE_H */
