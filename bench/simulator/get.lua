-- wrk script: GET /api/v1/workflows/executions/{id}; the id comes from EXECUTION_ID.
local id = os.getenv("EXECUTION_ID") or error("set EXECUTION_ID")
wrk.method = "GET"
wrk.path = "/api/v1/workflows/executions/" .. id
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("SIM_API_KEY") or "sim-test-key")

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. "\n")
  end
end
