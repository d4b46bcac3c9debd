-- wrk script: POST /api/v1/workflows/classify-text/run with a JSON body.
-- Every request creates one execution, so the simulator's memory grows during the run.
wrk.method = "POST"
wrk.path = "/api/v1/workflows/classify-text/run"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("SIM_API_KEY") or "sim-test-key")
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"input":{"text":"Invoice No: INV-123, total 1,234.56 EUR, please classify this text"}}'

function response(status, headers, body)
  if status ~= 201 then
    io.stderr:write("unexpected status " .. status .. "\n")
  end
end
