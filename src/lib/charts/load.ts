// Loaded lazily by chart.svelte: only the pieces of chart.js Concord draws with.
import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	Legend,
	LineController,
	LineElement,
	LinearScale,
	PointElement,
	ScatterController,
	Tooltip
} from 'chart.js';

Chart.register(
	BarController,
	BarElement,
	CategoryScale,
	LinearScale,
	Tooltip,
	Legend,
	LineController,
	LineElement,
	PointElement,
	ScatterController
);
Chart.defaults.font.family =
	"system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'PingFang SC', 'Microsoft YaHei', sans-serif";

export { Chart };
