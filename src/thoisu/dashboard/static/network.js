// A force-directed layout for the actor network (Fruchterman-Reingold), deterministic:
// nodes start on a circle in order of size, so the same data always gives the same picture.

export function layout(nodes, edges, iterations = 400) {
  const count = nodes.length;
  const index = new Map(nodes.map((node, i) => [node.actor, i]));
  const positions = nodes.map((_, i) => {
    const angle = (2 * Math.PI * i) / Math.max(count, 1);
    const radius = 0.3 + 0.7 * (i / Math.max(count - 1, 1));
    return [Math.cos(angle) * radius, Math.sin(angle) * radius];
  });
  const links = edges
    .filter((edge) => index.has(edge.first) && index.has(edge.second))
    .map((edge) => [index.get(edge.first), index.get(edge.second), Math.log2(1 + edge.events)]);
  const k = Math.sqrt(4 / Math.max(count, 1));
  let temperature = 0.25;
  for (let step = 0; step < iterations; step += 1) {
    const moves = positions.map(() => [0, 0]);
    for (let a = 0; a < count; a += 1) {
      for (let b = a + 1; b < count; b += 1) {
        const dx = positions[a][0] - positions[b][0];
        const dy = positions[a][1] - positions[b][1];
        const distance = Math.max(Math.hypot(dx, dy), 0.01);
        const force = (k * k) / distance;
        moves[a][0] += (dx / distance) * force;
        moves[a][1] += (dy / distance) * force;
        moves[b][0] -= (dx / distance) * force;
        moves[b][1] -= (dy / distance) * force;
      }
    }
    for (const [a, b, weight] of links) {
      const dx = positions[a][0] - positions[b][0];
      const dy = positions[a][1] - positions[b][1];
      const distance = Math.max(Math.hypot(dx, dy), 0.01);
      const force = ((distance * distance) / k) * (0.5 + 0.5 * weight);
      moves[a][0] -= (dx / distance) * force;
      moves[a][1] -= (dy / distance) * force;
      moves[b][0] += (dx / distance) * force;
      moves[b][1] += (dy / distance) * force;
    }
    for (let i = 0; i < count; i += 1) {
      // A weak pull to the centre keeps unconnected actors from drifting away.
      moves[i][0] -= positions[i][0] * 0.05;
      moves[i][1] -= positions[i][1] * 0.05;
      const length = Math.max(Math.hypot(moves[i][0], moves[i][1]), 1e-9);
      const capped = Math.min(length, temperature);
      positions[i][0] += (moves[i][0] / length) * capped;
      positions[i][1] += (moves[i][1] / length) * capped;
    }
    temperature = Math.max(temperature * 0.985, 0.002);
  }
  return positions;
}

// Colour of a mean Goldstein score: red (-10) through grey (0) to green (+10).
export function goldsteinColour(mean) {
  const clamp = Math.max(-1, Math.min(1, (mean || 0) / 6));
  const grey = [154, 165, 177];
  const end = clamp >= 0 ? [27, 143, 101] : [209, 73, 91];
  const t = Math.abs(clamp);
  const mix = grey.map((value, i) => Math.round(value + (end[i] - value) * t));
  return `rgb(${mix.join(",")})`;
}
