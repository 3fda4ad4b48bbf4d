/**
 * The chart.js controllers, elements, scales and plugins Chart.svelte registers: only these, so
 * the bundle stays small. A chart type that needs another part adds it here.
 */
export {
	BarController,
	BarElement,
	LineController,
	LineElement,
	PointElement,
	CategoryScale,
	LinearScale,
	Legend,
	Tooltip
} from 'chart.js';
