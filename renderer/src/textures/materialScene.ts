/**
 * The 3D preview's scene (three.js): a plane, sphere or cube in a MeshStandardMaterial with the
 * maps — base colour, normal (OpenGL, as three.js expects), roughness, AO, height as displacement
 * — lit by a directional light the user moves, plus a dim ambient so the AO shows. The maps come
 * at neutral strengths and the strengths are applied here, live: normal strength is `normalScale`
 * (exact: three.js scales the map's x and y before normalising, as main's strength does), AO
 * `aoMapIntensity`, and roughness range and contrast a small shader patch of three.js's roughness
 * chunk, the same formula main bakes. Renders on demand; each frame's time is measured.
 */
import * as THREE from 'three';
import type { MaterialForm, PreviewShape } from './materialSettings';
import { lightDirection } from './materialSettings';

export interface MaterialImages {
  basecolor: HTMLImageElement;
  heightMap: HTMLImageElement;
  normal: HTMLImageElement;
  roughness: HTMLImageElement;
  ao: HTMLImageElement;
}

export interface MaterialScene {
  setMaps(images: MaterialImages): void;
  update(form: MaterialForm): void;
  resize(width: number, height: number): void;
  /** Draws a frame; answers its time in ms (the GPU waited for). */
  render(): number;
  dispose(): void;
}

const ROUGHNESS_CHUNK = `
float roughnessFactor = roughness;
#ifdef USE_ROUGHNESSMAP
  float measured = texture2D( roughnessMap, vRoughnessMapUv ).g;
  roughnessFactor = uRoughMin + ( uRoughMax - uRoughMin ) * clamp( 0.5 + ( measured - 0.5 ) * uRoughContrast, 0.0, 1.0 );
#endif
`;

function geometryOf(shape: PreviewShape): THREE.BufferGeometry {
  if (shape === 'sphere') return new THREE.SphereGeometry(1, 128, 64);
  if (shape === 'cube') return new THREE.BoxGeometry(1.3, 1.3, 1.3, 1, 1, 1);
  return new THREE.PlaneGeometry(2.2, 2.2, 128, 128);
}

/** Throws (three.js's own error) where WebGL cannot start. */
export function createMaterialScene(canvas: HTMLCanvasElement): MaterialScene {
  // preserveDrawingBuffer: the page (and the e2e check) can read the last frame's pixels.
  const renderer = new THREE.WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
  renderer.outputColorSpace = THREE.SRGBColorSpace;
  renderer.setPixelRatio(1);
  const scene = new THREE.Scene();
  scene.background = new THREE.Color(0x1b1d22);
  const camera = new THREE.PerspectiveCamera(35, 1, 0.1, 50);
  camera.position.set(0, 0, 4.2);
  const light = new THREE.DirectionalLight(0xffffff, 3.5);
  scene.add(light, new THREE.AmbientLight(0xffffff, 0.6));

  const uniforms = {
    uRoughMin: { value: 0 },
    uRoughMax: { value: 1 },
    uRoughContrast: { value: 1 },
  };
  const material = new THREE.MeshStandardMaterial({ color: 0xffffff, metalness: 0 });
  material.onBeforeCompile = (shader) => {
    Object.assign(shader.uniforms, uniforms);
    shader.fragmentShader =
      'uniform float uRoughMin;\nuniform float uRoughMax;\nuniform float uRoughContrast;\n' +
      shader.fragmentShader.replace('#include <roughnessmap_fragment>', ROUGHNESS_CHUNK);
  };
  let shape: PreviewShape = 'plane';
  const mesh = new THREE.Mesh(geometryOf(shape), material);
  scene.add(mesh);
  let textures: THREE.Texture[] = [];

  const texture = (img: HTMLImageElement, color: boolean): THREE.Texture => {
    const t = new THREE.Texture(img);
    t.wrapS = THREE.RepeatWrapping;
    t.wrapT = THREE.RepeatWrapping;
    t.colorSpace = color ? THREE.SRGBColorSpace : THREE.NoColorSpace;
    t.anisotropy = renderer.capabilities.getMaxAnisotropy();
    t.needsUpdate = true;
    return t;
  };

  return {
    setMaps(images) {
      for (const t of textures) t.dispose();
      const map = texture(images.basecolor, true);
      const normalMap = texture(images.normal, false);
      const roughnessMap = texture(images.roughness, false);
      const aoMap = texture(images.ao, false);
      const displacementMap = texture(images.heightMap, false);
      Object.assign(material, { map, normalMap, roughnessMap, aoMap, displacementMap });
      textures = [map, normalMap, roughnessMap, aoMap, displacementMap];
      material.needsUpdate = true;
    },
    update(form) {
      if (form.shape !== shape) {
        shape = form.shape;
        mesh.geometry.dispose();
        mesh.geometry = geometryOf(shape);
      }
      mesh.rotation.set(shape === 'cube' ? 0.5 : 0, shape === 'cube' ? 0.7 : 0, 0);
      mesh.scale.setScalar(form.scale);
      // The sphere's u runs twice as far as its v: twice the repeats keep the texture square.
      for (const t of textures) t.repeat.set(form.tiling * (shape === 'sphere' ? 2 : 1), form.tiling);
      const s = form.maps.normalStrength;
      material.normalScale.set(s, s);
      material.aoMapIntensity = form.maps.aoStrength;
      // Relief moves the surface along its normal, centred so the object keeps its size; the cube's
      // faces would part at its edges, so it shows the normals only.
      const relief = shape === 'cube' ? 0 : form.heightStrength * 0.15;
      material.displacementScale = relief;
      material.displacementBias = -relief / 2;
      uniforms.uRoughMin.value = form.maps.roughnessMin;
      uniforms.uRoughMax.value = form.maps.roughnessMax;
      uniforms.uRoughContrast.value = form.maps.roughnessContrast;
      const [x, y, z] = lightDirection(form.azimuth, form.elevation);
      light.position.set(x * 5, y * 5, z * 5);
    },
    resize(width, height) {
      renderer.setSize(width, height, false);
      camera.aspect = width / Math.max(1, height);
      camera.updateProjectionMatrix();
    },
    render() {
      const started = performance.now();
      renderer.render(scene, camera);
      // Reading one pixel waits for the GPU, so the time is the frame's, not the call's.
      const gl = renderer.getContext();
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
      return performance.now() - started;
    },
    dispose() {
      for (const t of textures) t.dispose();
      mesh.geometry.dispose();
      material.dispose();
      renderer.dispose();
    },
  };
}
